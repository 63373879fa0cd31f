package io.tunemeld.cache.webapp;

import io.tunemeld.cache.readmodel.AggregateView;
import io.tunemeld.cache.readmodel.PlaylistView;
import io.tunemeld.cache.readmodel.ReadModel;
import io.tunemeld.cache.readmodel.TrackView;
import io.tunemeld.cache.readmodel.ViewCountsView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The web app's playlists, read from our read model: a genre's service playlists and its aggregate, each
 * track with its rank on each of them, its pages and its view counts. A playlist's tracks are read in one
 * look-up, their view counts in another.
 */
@Component
class WebAppPlaylists {

    /** The web app cuts titles and artists to this many characters in its lists. */
    private static final int SHORT_NAME = 30;

    private final ReadModel readModel;

    WebAppPlaylists(ReadModel readModel) {
        this.readModel = readModel;
    }

    record PlaylistMetadata(String playlistName, String playlistCoverUrl, String playlistCoverDescriptionText, String playlistUrl,
            String genreName, String serviceName, String serviceDisplayName, String serviceIconUrl, String debugCacheStatus) {
    }

    record Playlist(String genreName, String serviceName, List<Track> tracks, String updatedAt) {
    }

    record Source(String name, String displayName, String url, String iconUrl) {
    }

    record ButtonLabel(String buttonType, String context, String title, String ariaLabel) {
    }

    record Track(Integer tunemeldRank, Integer spotifyRank, Integer appleMusicRank, Integer soundcloudRank, String isrc,
            String trackName, String artistName, String fullTrackName, String fullArtistName, String albumName, String albumCoverUrl,
            String spotifyUrl, String appleMusicUrl, String soundcloudUrl, String youtubeUrl, Double totalCurrentPlayCount,
            Double totalWeeklyChangePercentage, Double spotifyCurrentPlayCount, Double youtubeCurrentPlayCount,
            List<ButtonLabel> buttonLabels, Source spotifySource, Source appleMusicSource, Source soundcloudSource,
            Source youtubeSource) {
    }

    record Genre(int id, String name, String displayName, String iconUrl, List<ButtonLabel> buttonLabels) {
    }

    record TrackPlayCount(String isrc, Double youtubeCurrentPlayCount, Double spotifyCurrentPlayCount, Double totalCurrentPlayCount,
            String youtubeCurrentPlayCountAbbreviated, String spotifyCurrentPlayCountAbbreviated, String totalCurrentPlayCountAbbreviated,
            Double totalWeeklyChangePercentage, String totalWeeklyChangePercentageFormatted) {
    }

    /** The genres with an aggregate: the app lists aggregates. */
    List<Genre> genres() {
        List<Genre> genres = new ArrayList<>();
        for (String name : readModel.genres()) {
            if (readModel.aggregateDocument(name).isPresent()) {
                genres.add(new Genre(genres.size() + 1, name, Character.toUpperCase(name.charAt(0)) + name.substring(1), null, List.of()));
            }
        }
        return genres;
    }

    /** A track with its pages and play counts, outside any genre (no ranks). */
    Optional<Track> track(String isrc) {
        return readModel.trackByIsrc(isrc).map(track -> track(track, null, Map.of(),
                Optional.ofNullable(readModel.viewCounts(List.of(isrc)).get(isrc))));
    }

    /** The counted tracks among these, in the order asked. */
    List<TrackPlayCount> playCounts(List<String> isrcs) {
        Map<String, ViewCountsView> views = readModel.viewCounts(isrcs);
        return isrcs.stream().distinct().map(isrc -> Map.entry(isrc, PlayCounts.of(views.getOrDefault(isrc, new ViewCountsView(isrc, List.of())))))
                .filter(counted -> counted.getValue().total() != null)
                .map(counted -> {
                    PlayCounts c = counted.getValue();
                    return new TrackPlayCount(counted.getKey(), c.current(AppService.YOUTUBE), c.current(AppService.SPOTIFY), c.total(),
                            PlayCountFormats.abbreviated(c.count(AppService.YOUTUBE)), PlayCountFormats.abbreviated(c.count(AppService.SPOTIFY)),
                            PlayCountFormats.abbreviated(c.total() == null ? null : c.total().longValue()), c.weeklyChangePercentage(),
                            PlayCountFormats.percentage(c.weeklyChangePercentage()));
                }).toList();
    }

    List<PlaylistMetadata> metadata(String genre) {
        List<PlaylistMetadata> metadata = new ArrayList<>();
        for (AppService service : AppService.PLAYLISTS) {
            readModel.playlist(genre, service.slug()).ifPresent(playlist -> metadata.add(new PlaylistMetadata(
                    Objects.requireNonNullElse(playlist.name(), service.displayName() + " " + genre),
                    playlist.entries().stream().map(PlaylistView.Entry::artworkUrl).filter(Objects::nonNull).findFirst().orElse(""),
                    "", Objects.requireNonNullElse(playlist.url(), ""), genre, service.slug(), service.displayName(),
                    service.iconUrl(), null)));
        }
        return metadata;
    }

    /** @param service a service with playlists, or {@link AppService#AGGREGATE} */
    Optional<Playlist> playlist(String genre, String service) {
        Optional<AggregateView> aggregate = readModel.aggregate(genre);
        Map<AppService, PlaylistView> playlists = new EnumMap<>(AppService.class);
        Arrays.stream(AppService.PLAYLISTS).forEach(s -> readModel.playlist(genre, s.slug()).ifPresent(p -> playlists.put(s, p)));
        // the tracks listed, by key in list order, with what the list itself says of them
        Map<String, TrackView> listed = new LinkedHashMap<>();
        String updatedAt;
        if (service.equals(AppService.AGGREGATE)) {
            if (aggregate.isEmpty()) {
                return Optional.empty();
            }
            aggregate.get().entries().forEach(e -> listed.putIfAbsent(e.trackKey(), TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist())));
            updatedAt = aggregate.get().computedAt();
        } else {
            PlaylistView playlist = playlists.get(AppService.named(service).orElseThrow());
            if (playlist == null) {
                return Optional.empty();
            }
            playlist.entries().forEach(e -> listed.putIfAbsent(e.trackKey(), TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist())));
            updatedAt = playlist.fetchedAt();
        }
        Map<String, Integer> tunemeldRanks = new HashMap<>();
        aggregate.ifPresent(a -> a.entries().forEach(e -> tunemeldRanks.putIfAbsent(e.trackKey(), e.rank())));
        Map<AppService, Map<String, Integer>> positions = new EnumMap<>(AppService.class);
        playlists.forEach((s, p) -> p.entries().forEach(e -> positions.computeIfAbsent(s, x -> new HashMap<>()).merge(e.trackKey(),
                e.position(), Math::min)));
        Map<String, TrackView> known = readModel.tracks(listed.keySet());
        List<TrackView> tracks = listed.entrySet().stream().map(e -> known.getOrDefault(e.getKey(), e.getValue())).toList();
        Map<String, ViewCountsView> views = readModel.viewCounts(tracks.stream().map(TrackView::isrc).filter(Objects::nonNull).toList());
        return Optional.of(new Playlist(genre, service, tracks.stream().map(track -> track(track, tunemeldRanks.get(track.trackKey()),
                positions, Optional.ofNullable(track.isrc()).map(views::get))).toList(), updatedAt));
    }

    private static Track track(TrackView track, Integer tunemeldRank, Map<AppService, Map<String, Integer>> positions,
            Optional<ViewCountsView> views) {
        PlayCounts counts = views.map(PlayCounts::of).orElse(PlayCounts.NONE);
        return new Track(tunemeldRank, rank(positions, AppService.SPOTIFY, track), rank(positions, AppService.APPLE_MUSIC, track),
                rank(positions, AppService.SOUNDCLOUD, track), track.isrc(), shortName(track.title()), shortName(track.artist()),
                track.title(), track.artist(), track.album(), track.artworkUrl(), track.spotifyUrl(), track.appleMusicUrl(),
                track.soundcloudUrl(), track.youtubeUrl(), counts.total(), counts.weeklyChangePercentage(),
                counts.current(AppService.SPOTIFY), counts.current(AppService.YOUTUBE), List.of(),
                source(AppService.SPOTIFY, track.spotifyUrl()), source(AppService.APPLE_MUSIC, track.appleMusicUrl()),
                source(AppService.SOUNDCLOUD, track.soundcloudUrl()), source(AppService.YOUTUBE, track.youtubeUrl()));
    }

    private static Integer rank(Map<AppService, Map<String, Integer>> positions, AppService service, TrackView track) {
        return positions.getOrDefault(service, Map.of()).get(track.trackKey());
    }

    private static Source source(AppService service, String url) {
        return url == null ? null : new Source(service.slug(), service.displayName(), url, service.iconUrl());
    }

    /** Cut at the last space within the limit (or at the limit, without one), marked with "...". */
    static String shortName(String name) {
        if (name == null || name.length() <= SHORT_NAME) {
            return name;
        }
        String cut = name.substring(0, SHORT_NAME);
        int space = cut.lastIndexOf(' ');
        return (space > 0 ? cut.substring(0, space) : cut) + "...";
    }

    /**
     * A track's latest counts per service, and the total's change in per cent over a week: the services with a
     * week of history, their change over what they counted a week before.
     */
    record PlayCounts(Map<String, Long> current, Double total, Double weeklyChangePercentage) {

        static final PlayCounts NONE = new PlayCounts(Map.of(), null, null);

        static PlayCounts of(ViewCountsView views) {
            if (views.services().isEmpty()) {
                return NONE;
            }
            Map<String, Long> current = new HashMap<>();
            long total = 0;
            long changed = 0;
            long weekBefore = 0;
            boolean week = false;
            for (ViewCountsView.ServiceViews service : views.services()) {
                current.put(service.service(), service.current());
                total += service.current();
                if (service.weeklyChange() != null) {
                    week = true;
                    changed += service.weeklyChange();
                    weekBefore += service.current() - service.weeklyChange();
                }
            }
            return new PlayCounts(current, (double) total, week && weekBefore > 0 ? 100.0 * changed / weekBefore : null);
        }

        Double current(AppService service) {
            Long count = count(service);
            return count == null ? null : count.doubleValue();
        }

        Long count(AppService service) {
            return current.get(service.slug());
        }
    }
}
