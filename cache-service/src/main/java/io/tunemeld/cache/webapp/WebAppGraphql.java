package io.tunemeld.cache.webapp;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.tunemeld.cache.graphql.GenreName;
import io.tunemeld.cache.graphql.GraphqlLimits;
import io.tunemeld.cache.graphql.InvalidArgumentException;
import io.tunemeld.cache.graphql.QueryLimitsInstrumentation;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The web app's GraphQL schema, executed apart from our own (which Spring GraphQL serves): the two share
 * type names with other shapes. The same depth and complexity limits apply.
 */
@Component
class WebAppGraphql {

    private static final Logger log = LoggerFactory.getLogger(WebAppGraphql.class);

    /** The orders the app lists an aggregate in, by the names and fields it knows them by. */
    static final List<Rank> RANKS = List.of(
            new Rank("tunemeld_rank", "Tunemeld Rank", "tunemeld-rank", "asc", true, "tunemeldRank"),
            new Rank("total_plays_rank", "Total Plays", "total-plays", "desc", false, "totalCurrentPlayCount"),
            new Rank("trending_rank", "Trending", "trending", "desc", false, "totalWeeklyChangePercentage"));

    private static final Pattern ISRC = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

    record Rank(String name, String displayName, String sortField, String sortOrder, boolean isDefault, String dataField) {
    }

    record ServiceConfig(String name, String displayName, String iconUrl, String urlField, String sourceField,
            List<WebAppPlaylists.ButtonLabel> buttonLabels) {
    }

    record IframeConfig(String serviceName, String embedBaseUrl, String embedParams, String allow, String height, String referrerPolicy) {
    }

    private final GraphQL graphql;

    WebAppGraphql(WebAppPlaylists playlists, GraphqlLimits limits) {
        int maxPageSize = limits.maxPageSize();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", query -> query
                        .dataFetcher("serviceOrder", env -> Arrays.stream(AppService.PLAYLISTS).map(AppService::slug).toList())
                        .dataFetcher("playlistsByGenre", env -> playlists.metadata(genre(env.getArgument("genre"))))
                        .dataFetcher("playlist", env -> playlists.playlist(genre(env.getArgument("genre")), service(env.getArgument("service")))
                                .orElse(null))
                        .dataFetcher("generateIframeUrl", env -> EmbedUrls.of(env.getArgument("serviceName"), env.getArgument("trackUrl"))
                                .orElse(null))
                        .dataFetcher("genres", env -> playlists.genres())
                        .dataFetcher("defaultGenre", env -> defaultGenre(playlists.genres()))
                        .dataFetcher("ranks", env -> RANKS)
                        .dataFetcher("tracksPlayCounts", env -> playlists.playCounts(isrcs(env.getArgument("isrcs"), maxPageSize)))
                        .dataFetcher("serviceConfigs", env -> Arrays.stream(AppService.values()).map(service -> new ServiceConfig(service.slug(),
                                service.displayName(), service.iconUrl(), service.field() + "Url", service.field() + "Source", List.of())).toList())
                        .dataFetcher("iframeConfigs", env -> Arrays.stream(AppService.values()).map(service -> new IframeConfig(service.slug(),
                                service.player().embedBaseUrl(), service.player().embedParams(), service.player().allow(),
                                service.player().height(), service.player().referrerPolicy())).toList())
                        .dataFetcher("rankButtonLabels", env -> List.of())
                        .dataFetcher("miscButtonLabels", env -> List.of())
                        .dataFetcher("trackByIsrc", env -> playlists.track(isrc(env.getArgument("isrc"))).orElse(null)))
                .type("Track", track -> track.dataFetcher("trackDetailUrl", trackDetailUrl())
                        .dataFetcher("similarTracks", env -> {
                            int limit = env.getArgument("limit");
                            if (limit < 0 || limit > maxPageSize) {
                                throw new InvalidArgumentException("limit must be between 0 and " + maxPageSize + ", was " + limit);
                            }
                            return List.of();
                        }))
                .build();
        try (Reader sdl = new InputStreamReader(new ClassPathResource("webapp/tunemeld-app.graphqls").getInputStream(), StandardCharsets.UTF_8)) {
            this.graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring))
                    // a playlist comes whole (the app pages nothing): its tracks count as a full page of ours
                    .instrumentation(new QueryLimitsInstrumentation(limits.maxDepth(), limits.maxComplexity(), limits.parsedQueryCacheChars(), Map.of("Playlist.tracks", maxPageSize)))
                    .defaultDataFetcherExceptionHandler(new ErrorHandler())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the answer as GraphQL's JSON shape ({@code data}, {@code errors}) */
    Map<String, Object> execute(String operationName, String query, Map<String, Object> variables) {
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables).build());
        return result.toSpecification();
    }

    /** The app's address of a track: its page with the genre, ranking, player and ISRC in the query. */
    private static DataFetcher<String> trackDetailUrl() {
        return env -> {
            WebAppPlaylists.Track track = env.getSource();
            String player = env.getArgument("player");
            if (track.isrc() == null || AppService.named(player).isEmpty()) {
                return null;
            }
            return "/?genre=" + encode(env.getArgument("genre")) + "&rank=" + encode(env.getArgument("rank")) + "&player=" + player
                    + "&isrc=" + encode(track.isrc());
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String defaultGenre(List<WebAppPlaylists.Genre> genres) {
        return genres.stream().map(WebAppPlaylists.Genre::name).filter("pop"::equals).findFirst()
                .orElse(genres.isEmpty() ? null : genres.get(0).name());
    }

    private static String isrc(String isrc) {
        if (!ISRC.matcher(isrc).matches()) {
            throw new InvalidArgumentException("isrc must be an ISRC (CC XXX YY NNNNN, without dashes), was " + InvalidArgumentException.quoted(isrc));
        }
        return isrc;
    }

    private static List<String> isrcs(List<String> isrcs, int max) {
        if (isrcs.size() > max) {
            throw new InvalidArgumentException("isrcs may hold at most " + max + " ISRCs, held " + isrcs.size());
        }
        return isrcs.stream().map(WebAppGraphql::isrc).toList();
    }

    private static String genre(String genre) {
        return GenreName.require(genre);
    }

    private static String service(String service) {
        if (!service.equals(AppService.AGGREGATE) && Arrays.stream(AppService.PLAYLISTS).noneMatch(s -> s.slug().equals(service))) {
            throw new InvalidArgumentException("service must be " + AppService.AGGREGATE + ", "
                    + String.join(", ", Arrays.stream(AppService.PLAYLISTS).map(AppService::slug).toList()) + ", was " + InvalidArgumentException.quoted(service));
        }
        return service;
    }

    /** An argument refused says why; anything else is logged here and answered without its details. */
    private static final class ErrorHandler implements DataFetcherExceptionHandler {

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable error = parameters.getException();
            String message;
            if (error instanceof InvalidArgumentException) {
                message = error.getMessage();
            } else {
                log.error("web app API: {} failed", parameters.getPath(), error);
                message = "internal error";
            }
            GraphQLError graphqlError = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment()).message(message).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(graphqlError).build());
        }
    }
}
