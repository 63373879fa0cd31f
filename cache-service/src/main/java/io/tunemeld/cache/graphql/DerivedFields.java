package io.tunemeld.cache.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import io.tunemeld.cache.readmodel.AggregateView;
import io.tunemeld.cache.readmodel.PlaylistView;
import io.tunemeld.cache.readmodel.TrackView;
import io.tunemeld.cache.readmodel.ViewCountsView;
import io.tunemeld.schemas.MusicService;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Fields computed from their parent object alone, wired as graphql-java's own property fetchers are: an
 * annotated mapping costs, for each of a page's entries, a reflective call, the request's context set on
 * the thread and an observation; these cost a method call.
 */
@Component
class DerivedFields implements RuntimeWiringConfigurer {

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type("Track", type -> type.dataFetcher("key", derived(TrackView.class, TrackView::trackKey)));
        wiring.type("AggregatePlaylist", type -> type.dataFetcher("length", derived(AggregateView.class, a -> a.entries().size())));
        wiring.type("AggregateEntry", type -> type.dataFetcher("isNew", derived(AggregateView.Entry.class, e -> "NEW".equals(e.movement()))));
        wiring.type("ServicePosition", type -> type.dataFetcher("service",
                derived(AggregateView.Position.class, position -> MusicService.of(position.service()))));
        wiring.type("Playlist", type -> type
                .dataFetcher("service", derived(PlaylistView.class, playlist -> MusicService.of(playlist.service())))
                .dataFetcher("coverUrl", derived(PlaylistView.class, playlist -> playlist.entries().stream()
                        .map(PlaylistView.Entry::artworkUrl).filter(Objects::nonNull).findFirst().orElse(null))));
        wiring.type("ViewCount", type -> type.dataFetcher("service",
                derived(ViewCountsView.ServiceViews.class, views -> MusicService.of(views.service()))));
    }

    private static <S, T> LightDataFetcher<T> derived(Class<S> parent, Function<S, T> field) {
        return new LightDataFetcher<>() {
            @Override
            public T get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment) {
                return field.apply(parent.cast(source));
            }

            @Override
            public T get(DataFetchingEnvironment environment) {
                return field.apply(parent.cast(environment.getSource()));
            }
        };
    }
}
