package io.tunemeld.aggregate.ranking;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * TuneMeld's original formula, made exact. A track is a candidate when at least two services list it;
 * {@code score = Σ_s (N_s − p_s) + 10 × service_count} with {@code p_s} its 1-based position and
 * {@code N_s} the length of service s's playlist as fetched. Ties: more services first, then the best
 * single position, then the track key.
 */
@Component
public class SeedScoringStrategy implements ScoringStrategy {

    public static final String NAME = "seed";
    private static final int MIN_SERVICES = 2;
    private static final int SERVICE_BONUS = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RankedTrack> rank(List<PlaylistSnapshot> snapshots) {
        return Sightings.rank(snapshots, MIN_SERVICES,
                seen -> seen.values().stream().mapToDouble(s -> s.playlistLength() - s.position()).sum() + SERVICE_BONUS * seen.size(),
                Comparator.comparingDouble(Sightings.Scored::score).reversed()
                        .thenComparing(Comparator.comparingInt(Sightings.Scored::services).reversed()));
    }
}
