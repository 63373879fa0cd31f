package io.tunemeld.track.canonical;

import io.tunemeld.schemas.MusicService;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** One track as TuneMeld shows it: metadata by priority Spotify > Apple Music > SoundCloud, every service URL. */
public record CanonicalTrack(String trackKey, String isrc, String title, String artist, String album, String artworkUrl,
        Map<MusicService, String> urls, List<MusicService> services) {

    private static final String ARTIST_SEPARATOR = ", ";

    /**
     * Merges the services' views; each field comes from the highest-priority service that has it.
     *
     * @param lookedUp pages found by look-up, used for the services that did not link one
     */
    public static CanonicalTrack merge(String trackKey, List<ServiceTrack> sightings, Map<MusicService, String> lookedUp) {
        if (sightings.isEmpty()) {
            throw new IllegalArgumentException("no sighting of " + trackKey);
        }
        List<ServiceTrack> byPriority = sightings.stream()
                .sorted(Comparator.comparingInt(s -> s.service().metadataPriority()))
                .toList();
        Map<MusicService, String> urls = new EnumMap<>(MusicService.class);
        byPriority.stream().filter(s -> s.url() != null).forEach(s -> urls.put(s.service(), s.url()));
        lookedUp.forEach(urls::putIfAbsent);
        return new CanonicalTrack(trackKey,
                first(byPriority, ServiceTrack::isrc),
                byPriority.get(0).title(),
                byPriority.stream().filter(s -> !s.artists().isEmpty()).findFirst()
                        .map(s -> String.join(ARTIST_SEPARATOR, s.artists())).orElse(""),
                first(byPriority, ServiceTrack::album),
                first(byPriority, ServiceTrack::artworkUrl),
                urls,
                byPriority.stream().map(ServiceTrack::service).distinct().toList());
    }

    private static String first(List<ServiceTrack> byPriority, Function<ServiceTrack, String> field) {
        return byPriority.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
