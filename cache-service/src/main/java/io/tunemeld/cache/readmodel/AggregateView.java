package io.tunemeld.cache.readmodel;

import java.util.List;

/** The aggregate playlist of a genre as the API serves it. */
public record AggregateView(String genre, String computedAt, String strategy, List<Entry> entries) {

    /**
     * @param previousRank rank in the previous aggregate, null when it was not in it
     * @param movement NEW, RE_ENTRY, UP, DOWN or SAME
     */
    public record Entry(int rank, double score, String trackKey, String isrc, String title, String artist,
            int serviceCount, List<Position> positions, Integer previousRank, Integer peakRank, Integer daysOnList,
            String movement) {
    }

    /** Where one service lists the track, and how its entry was identified. */
    public record Position(String service, int position, String matchMethod, Double matchConfidence) {
    }
}
