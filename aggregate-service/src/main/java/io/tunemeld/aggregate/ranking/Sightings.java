package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Where each track is listed, per service, across a genre's snapshots (a track listed twice by one service
 * counts at its best position): what every scoring strategy starts from and turns into entries.
 */
final class Sightings {

    /** A track's entry in one service's playlist, with that playlist's length. */
    record Sighting(int playlistLength, PlaylistSnapshot.Entry entry) {

        int position() {
            return entry.position();
        }
    }

    /** A candidate track with its strategy's score and its best single position. */
    record Scored(String key, Map<MusicService, Sighting> seen, double score, int best) {

        int services() {
            return seen.size();
        }
    }

    private static final String ARTIST_SEPARATOR = ", ";

    private Sightings() {
    }

    /**
     * Ranks the tracks at least {@code minServices} services list: by the strategy's {@code order}, then
     * the best single position, then the track key, so every ranking is total and repeatable.
     */
    static List<RankedTrack> rank(List<PlaylistSnapshot> snapshots, int minServices,
            ToDoubleFunction<Map<MusicService, Sighting>> score, Comparator<Scored> order) {
        List<Scored> candidates = new ArrayList<>();
        byTrack(snapshots, minServices).forEach((key, seen) ->
                candidates.add(new Scored(key, seen, score.applyAsDouble(seen), bestPosition(seen))));
        candidates.sort(order.thenComparingInt(Scored::best).thenComparing(Scored::key));
        List<RankedTrack> ranked = new ArrayList<>();
        candidates.forEach(c -> ranked.add(entry(ranked.size() + 1, c.key(), c.seen(), c.score())));
        return ranked;
    }

    /** Tracks listed by at least {@code minServices} services, each with its sighting per service. */
    private static Map<String, Map<MusicService, Sighting>> byTrack(List<PlaylistSnapshot> snapshots, int minServices) {
        Map<String, Map<MusicService, Sighting>> byTrack = new LinkedHashMap<>();
        for (PlaylistSnapshot snapshot : snapshots) {
            for (PlaylistSnapshot.Entry entry : snapshot.entries()) {
                byTrack.computeIfAbsent(entry.trackKey(), key -> new EnumMap<>(MusicService.class))
                        .merge(snapshot.service(), new Sighting(snapshot.length(), entry),
                                (a, b) -> a.position() <= b.position() ? a : b);
            }
        }
        byTrack.values().removeIf(seen -> seen.size() < minServices);
        return byTrack;
    }

    private static int bestPosition(Map<MusicService, Sighting> seen) {
        return seen.values().stream().mapToInt(Sighting::position).min().orElseThrow();
    }

    /** The entry at {@code rank}: title and artists from the highest-priority service, every placement. */
    private static RankedTrack entry(int rank, String trackKey, Map<MusicService, Sighting> seen, double score) {
        PlaylistSnapshot.Entry display = seen.entrySet().stream()
                .min(Comparator.comparingInt(e -> e.getKey().metadataPriority())).orElseThrow().getValue().entry();
        Map<MusicService, RankedTrack.Placement> placements = new EnumMap<>(MusicService.class);
        seen.forEach((service, sighting) -> placements.put(service, new RankedTrack.Placement(sighting.position(),
                sighting.entry().matchMethod(), sighting.entry().matchConfidence())));
        String isrc = seen.values().stream().map(s -> s.entry().isrc()).filter(Objects::nonNull).findFirst().orElse(null);
        return new RankedTrack(rank, trackKey, isrc, display.title(), String.join(ARTIST_SEPARATOR, display.artists()), score,
                seen.size(), placements);
    }
}
