package io.tunemeld.aggregate.ranking;

import java.util.List;

/**
 * Ranks the tracks of one genre from the snapshots in force of each service. Strategies are beans
 * chosen by name ({@code tunemeld.aggregate.strategy}); change it and replay the snapshots to re-rank.
 */
public interface ScoringStrategy {

    String name();

    List<RankedTrack> rank(List<PlaylistSnapshot> snapshots);
}
