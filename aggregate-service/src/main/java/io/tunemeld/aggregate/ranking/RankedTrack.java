package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.Map;

/** One entry of an aggregate playlist, with where each service lists it, in service order. */
public record RankedTrack(int rank, String trackKey, String isrc, String title, String artist, double score,
        int serviceCount, Map<MusicService, Placement> placements) {

    /** A track's place in one service's playlist and how that entry was identified. */
    public record Placement(int position, String matchMethod, double matchConfidence) {
    }
}
