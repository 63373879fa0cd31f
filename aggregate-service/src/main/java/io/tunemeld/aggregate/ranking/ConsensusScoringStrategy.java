package io.tunemeld.aggregate.ranking;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Agreement first: tracks on more services rank higher whatever their positions; among tracks on as
 * many services, {@code score = Σ_s (1 − (p_s − 1) / N_s)} (each service's relative position, 1 at the
 * top). Ties: the best single position, then the track key. Select with {@code AGGREGATE_STRATEGY=consensus}.
 */
@Component
public class ConsensusScoringStrategy implements ScoringStrategy {

    public static final String NAME = "consensus";
    private static final int MIN_SERVICES = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RankedTrack> rank(List<PlaylistSnapshot> snapshots) {
        return Sightings.rank(snapshots, MIN_SERVICES,
                seen -> seen.values().stream().mapToDouble(s -> 1.0 - (s.position() - 1.0) / Math.max(1, s.playlistLength())).sum(),
                Comparator.comparingInt(Sightings.Scored::services).reversed()
                        .thenComparing(Comparator.comparingDouble(Sightings.Scored::score).reversed()));
    }
}
