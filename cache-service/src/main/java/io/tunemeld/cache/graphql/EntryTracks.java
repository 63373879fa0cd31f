package io.tunemeld.cache.graphql;

import graphql.TrivialDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import io.tunemeld.cache.readmodel.AggregateView;
import io.tunemeld.cache.readmodel.PlaylistView;
import io.tunemeld.cache.readmodel.ReadModel;
import io.tunemeld.cache.readmodel.TrackView;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The canonical track of each aggregate or playlist entry, or what the entry itself says while the track is
 * not known yet: one data loader by track key for the whole response, so the tracks an aggregate and its
 * playlists share are read once, in one batch. An entry's own fetcher only queues its key; it is marked
 * trivial so that it is neither observed nor given the request's context (the batch load is, once).
 */
@Component
class EntryTracks implements RuntimeWiringConfigurer {

    private static final String TRACKS = "tracks";

    EntryTracks(BatchLoaderRegistry loaders, ReadModel readModel) {
        loaders.forTypePair(String.class, TrackView.class).withName(TRACKS)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> readModel.tracks(keys)));
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type("AggregateEntry", type -> type.dataFetcher("track", track(AggregateView.Entry.class, AggregateView.Entry::trackKey,
                e -> TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist()))));
        wiring.type("PlaylistEntry", type -> type.dataFetcher("track", track(PlaylistView.Entry.class, PlaylistView.Entry::trackKey,
                e -> TrackView.provisional(e.trackKey(), e.isrc(), e.title(), e.artist()))));
    }

    private static <E> TrivialDataFetcher<CompletableFuture<TrackView>> track(Class<E> entryType, Function<E, String> key,
            Function<E, TrackView> provisional) {
        return environment -> {
            E entry = entryType.cast(environment.getSource());
            return environment.<String, TrackView>getDataLoader(TRACKS).load(key.apply(entry))
                    .thenApply(track -> track != null ? track : provisional.apply(entry));
        };
    }
}
