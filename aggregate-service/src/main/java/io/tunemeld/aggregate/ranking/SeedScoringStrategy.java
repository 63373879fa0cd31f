package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final String ARTIST_SEPARATOR = ", ";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RankedTrack> rank(List<PlaylistSnapshot> snapshots) {
        record Seen(PlaylistSnapshot snapshot, PlaylistSnapshot.Entry entry) { }
        Map<String, Map<MusicService, Seen>> byTrack = new LinkedHashMap<>();
        for (PlaylistSnapshot snapshot : snapshots) {
            for (PlaylistSnapshot.Entry entry : snapshot.entries()) {
                byTrack.computeIfAbsent(entry.trackKey(), key -> new EnumMap<>(MusicService.class))
                        .merge(snapshot.service(), new Seen(snapshot, entry),
                                (a, b) -> a.entry().position() <= b.entry().position() ? a : b);
            }
        }
        record Candidate(String key, Map<MusicService, Seen> seen, double score, int bestPosition) { }
        List<Candidate> candidates = new ArrayList<>();
        byTrack.forEach((key, seen) -> {
            if (seen.size() >= MIN_SERVICES) {
                double score = seen.values().stream()
                        .mapToDouble(s -> s.snapshot().length() - s.entry().position()).sum() + SERVICE_BONUS * seen.size();
                int best = seen.values().stream().mapToInt(s -> s.entry().position()).min().orElseThrow();
                candidates.add(new Candidate(key, seen, score, best));
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(c -> c.seen().size(), Comparator.reverseOrder())
                .thenComparingInt(Candidate::bestPosition)
                .thenComparing(Candidate::key));
        List<RankedTrack> ranked = new ArrayList<>();
        for (Candidate candidate : candidates) {
            PlaylistSnapshot.Entry display = candidate.seen().entrySet().stream()
                    .min(Comparator.comparingInt(e -> e.getKey().metadataPriority()))
                    .orElseThrow().getValue().entry();
            Map<MusicService, RankedTrack.Placement> placements = new EnumMap<>(MusicService.class);
            candidate.seen().forEach((service, seen) -> placements.put(service, new RankedTrack.Placement(
                    seen.entry().position(), seen.entry().matchMethod(), seen.entry().matchConfidence())));
            String isrc = candidate.seen().values().stream().map(s -> s.entry().isrc())
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            ranked.add(new RankedTrack(ranked.size() + 1, candidate.key(), isrc, display.title(),
                    String.join(ARTIST_SEPARATOR, display.artists()), candidate.score(), candidate.seen().size(), placements));
        }
        return ranked;
    }
}
