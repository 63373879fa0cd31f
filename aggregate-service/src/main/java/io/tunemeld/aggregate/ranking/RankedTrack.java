package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.Map;

/** One entry of an aggregate playlist; positions are per service, in service order. */
public record RankedTrack(int rank, String trackKey, String isrc, String title, String artist, double score,
        int serviceCount, Map<MusicService, Integer> positions) {
}
