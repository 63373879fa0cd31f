package io.tunemeld.cache.graphql;

import io.tunemeld.cache.readmodel.AggregateView;
import io.tunemeld.cache.readmodel.PlaylistView;
import io.tunemeld.cache.readmodel.RankPoint;
import io.tunemeld.cache.readmodel.ReadModel;
import io.tunemeld.cache.readmodel.TrackDetailsView;
import io.tunemeld.cache.readmodel.TrackView;
import io.tunemeld.cache.readmodel.ViewCountsView;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The GraphQL API over the read model (and {@link DerivedFields}, {@link EntryTracks}): tracks are loaded in batches, never one by one. */
@Controller
class TuneMeldGraphqlController {

    /** View counts are kept for a year (and a day, for the week-on-week change). */
    private static final int MAX_HISTORY_DAYS = 366;
    /** The shapes of track keys: an ISRC, a Spotify track id, a digest (see {@code TrackKeys}). */
    private static final Pattern TRACK_KEY = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}|spotify:[A-Za-z0-9]{1,64}|hash:[0-9a-f]{1,64}");

    private final ReadModel readModel;
    private final Clock clock;
    private final int maxPageSize;

    TuneMeldGraphqlController(ReadModel readModel, Clock clock, GraphqlLimits limits) {
        this.readModel = readModel;
        this.clock = clock;
        this.maxPageSize = limits.maxPageSize();
    }

    /** A genre with its aggregate and the services' playlists. */
    record GenreView(String name, String updatedAt, AggregateView aggregate, List<PlaylistView> playlists) {
    }

    @QueryMapping
    List<String> genres() {
        return readModel.genres();
    }

    @QueryMapping
    AggregateView aggregatePlaylist(@Argument String genre) {
        return readModel.aggregate(genre).orElse(null);
    }

    @QueryMapping
    PlaylistView playlist(@Argument String genre, @Argument MusicService service) {
        return readModel.playlist(genre, service.slug()).orElse(null);
    }

    @QueryMapping
    TrackView track(@Argument String isrc, @Argument String key) {
        if ((isrc == null) == (key == null)) {
            throw new InvalidArgumentException("track takes an isrc or a key, one of them");
        }
        if (isrc != null) {
            return readModel.trackByIsrc(isrc).orElse(null);
        }
        if (!TRACK_KEY.matcher(key).matches()) {
            throw new InvalidArgumentException("key must be an ISRC, spotify:<id> or hash:<hex>");
        }
        return readModel.trackByKey(key).orElse(null);
    }

    @QueryMapping
    GenreView genre(@Argument String name) {
        Optional<AggregateView> aggregate = readModel.aggregate(name);
        List<PlaylistView> playlists = Arrays.stream(MusicService.values())
                .flatMap(service -> readModel.playlist(name, service.slug()).stream()).toList();
        if (aggregate.isEmpty() && playlists.isEmpty()) {
            return null;
        }
        // ISO-8601 instants in UTC compare as text
        String updatedAt = Stream.concat(aggregate.stream().map(AggregateView::computedAt), playlists.stream().map(PlaylistView::fetchedAt))
                .filter(Objects::nonNull).max(String::compareTo).orElse(null);
        return new GenreView(name, updatedAt, aggregate.orElse(null), playlists);
    }

    @QueryMapping
    List<RankPoint> trackHistory(@Argument String isrc, @Argument String genre, @Argument int days) {
        checkRange("days", days, MAX_HISTORY_DAYS);
        return readModel.rankHistory(isrc, genre, clock.instant().minus(Duration.ofDays(days)));
    }

    @SchemaMapping(typeName = "AggregatePlaylist", field = "entries")
    List<AggregateView.Entry> entries(AggregateView aggregate, @Argument int limit, @Argument int offset) {
        return page(aggregate.entries(), limit, offset);
    }

    @SchemaMapping(typeName = "Playlist", field = "entries")
    List<PlaylistView.Entry> entries(PlaylistView playlist, @Argument int limit, @Argument int offset) {
        return page(playlist.entries(), limit, offset);
    }

    @BatchMapping(typeName = "Track", field = "viewCounts")
    Map<TrackView, List<ViewCountsView.ServiceViews>> viewCounts(List<TrackView> tracks) {
        Map<String, ViewCountsView> counted = readModel.viewCounts(tracks.stream().map(TrackView::isrc).filter(Objects::nonNull).toList());
        Map<TrackView, List<ViewCountsView.ServiceViews>> views = new LinkedHashMap<>();
        tracks.forEach(track -> views.put(track, Optional.ofNullable(track.isrc()).map(counted::get)
                .map(ViewCountsView::services).orElse(List.of())));
        return views;
    }

    @BatchMapping(typeName = "Track", field = "details")
    Map<TrackView, TrackDetailsView> details(List<TrackView> tracks) {
        Map<String, TrackDetailsView> found = readModel.trackDetails(tracks.stream().map(TrackView::trackKey).distinct().toList());
        Map<TrackView, TrackDetailsView> details = new LinkedHashMap<>();
        tracks.forEach(track -> Optional.ofNullable(found.get(track.trackKey())).filter(TrackDetailsView::enriched)
                .ifPresent(enriched -> details.put(track, enriched)));
        return details;
    }

    @SchemaMapping(typeName = "ViewCount", field = "history")
    List<ViewCountsView.Day> history(ViewCountsView.ServiceViews views, @Argument int days) {
        checkRange("days", days, MAX_HISTORY_DAYS);
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
        return views.history().stream().filter(day -> !day.date().isBefore(from)).toList();
    }

    /** A flagged day: its change and the trailing average it was far from. */
    record ViewCountAlertView(LocalDate date, String kind, Long delta, double trailingAverage) {
    }

    @SchemaMapping(typeName = "ViewCount", field = "alerts")
    List<ViewCountAlertView> alerts(ViewCountsView.ServiceViews views, @Argument int days) {
        return history(views, days).stream().filter(day -> day.alert() != null)
                .map(day -> new ViewCountAlertView(day.date(), day.alert().kind().toUpperCase(Locale.ROOT), day.delta(),
                        day.alert().trailingAverage()))
                .toList();
    }

    private <E> List<E> page(List<E> entries, int limit, int offset) {
        checkRange("limit", limit, maxPageSize);
        if (offset < 0) {
            throw new InvalidArgumentException("offset must not be negative, was " + offset);
        }
        return entries.subList(Math.min(offset, entries.size()), (int) Math.min(entries.size(), (long) offset + limit));
    }

    private static void checkRange(String argument, int value, int max) {
        if (value < 0 || value > max) {
            throw new InvalidArgumentException(argument + " must be between 0 and " + max + ", was " + value);
        }
    }
}
