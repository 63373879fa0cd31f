package io.tunemeld.cache.readmodel;

import java.util.List;

/** The aggregate playlist of a genre as the API serves it. */
public record AggregateView(String genre, String computedAt, String strategy, List<Entry> entries) {

    public record Entry(int rank, double score, String trackKey, String isrc, String title, String artist,
            int serviceCount, List<Position> positions) {
    }

    public record Position(String service, int position) {
    }
}
