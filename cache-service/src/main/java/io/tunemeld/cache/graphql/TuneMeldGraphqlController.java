package io.tunemeld.cache.graphql;

import io.tunemeld.cache.readmodel.AggregateView;
import io.tunemeld.cache.readmodel.PlaylistView;
import io.tunemeld.cache.readmodel.ReadModel;
import io.tunemeld.cache.readmodel.TrackView;
import io.tunemeld.schemas.MusicService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The GraphQL API over the read model; tracks are loaded in one batch per response, never one by one. */
@Controller
class TuneMeldGraphqlController {

    private final ReadModel readModel;

    TuneMeldGraphqlController(ReadModel readModel) {
        this.readModel = readModel;
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
    TrackView track(@Argument String isrc) {
        return readModel.trackByIsrc(isrc).orElse(null);
    }

    @SchemaMapping(typeName = "ServicePosition", field = "service")
    MusicService service(AggregateView.Position position) {
        return MusicService.ofSlug(position.service());
    }

    @SchemaMapping(typeName = "AggregateEntry", field = "isNew")
    boolean isNew(AggregateView.Entry entry) {
        return "NEW".equals(entry.movement());
    }

    @SchemaMapping(typeName = "Playlist", field = "service")
    MusicService service(PlaylistView playlist) {
        return MusicService.ofSlug(playlist.service());
    }

    @SchemaMapping(typeName = "Track", field = "key")
    String key(TrackView track) {
        return track.trackKey();
    }

    @BatchMapping(typeName = "AggregateEntry", field = "track")
    Map<AggregateView.Entry, TrackView> aggregateTracks(List<AggregateView.Entry> entries) {
        return tracks(entries, AggregateView.Entry::trackKey,
                e -> TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist()));
    }

    @BatchMapping(typeName = "PlaylistEntry", field = "track")
    Map<PlaylistView.Entry, TrackView> playlistTracks(List<PlaylistView.Entry> entries) {
        return tracks(entries, PlaylistView.Entry::trackKey,
                e -> TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist()));
    }

    /** The canonical track of each entry, or what the entry itself says while the track is not known yet. */
    private <E> Map<E, TrackView> tracks(List<E> entries, Function<E, String> key, Function<E, TrackView> provisional) {
        Map<String, TrackView> known = readModel.tracks(entries.stream().map(key).toList());
        Map<E, TrackView> tracks = new LinkedHashMap<>();
        entries.forEach(e -> tracks.put(e, known.getOrDefault(key.apply(e), provisional.apply(e))));
        return tracks;
    }
}
