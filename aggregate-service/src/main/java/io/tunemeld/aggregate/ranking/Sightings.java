package io.tunemeld.aggregate.ranking;

import io.tunemeld.schemas.MusicService;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    private static final String ARTIST_SEPARATOR = ", ";

    private Sightings() {
    }

    /** Tracks listed by at least {@code minServices} services, each with its sighting per service. */
    static Map<String, Map<MusicService, Sighting>> byTrack(List<PlaylistSnapshot> snapshots, int minServices) {
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

    static int bestPosition(Map<MusicService, Sighting> seen) {
        return seen.values().stream().mapToInt(Sighting::position).min().orElseThrow();
    }

    /** The entry at {@code rank}: title and artists from the highest-priority service, every placement. */
    static RankedTrack entry(int rank, String trackKey, Map<MusicService, Sighting> seen, double score) {
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
