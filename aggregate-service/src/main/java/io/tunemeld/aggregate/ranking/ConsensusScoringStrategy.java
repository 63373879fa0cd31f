package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        record Candidate(String key, Map<MusicService, Sightings.Sighting> seen, double score, int best) { }
        List<Candidate> candidates = new ArrayList<>();
        Sightings.byTrack(snapshots, MIN_SERVICES).forEach((key, seen) -> candidates.add(new Candidate(key, seen,
                seen.values().stream().mapToDouble(s -> 1.0 - (s.position() - 1.0) / Math.max(1, s.playlistLength())).sum(),
                Sightings.bestPosition(seen))));
        candidates.sort(Comparator.<Candidate>comparingInt(c -> c.seen().size()).reversed()
                .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
                .thenComparingInt(Candidate::best)
                .thenComparing(Candidate::key));
        List<RankedTrack> ranked = new ArrayList<>();
        candidates.forEach(c -> ranked.add(Sightings.entry(ranked.size() + 1, c.key(), c.seen(), c.score())));
        return ranked;
    }
}
