package io.tunemeld.cache.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.cache.graphql.GraphqlLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Queries refused before anything is read: no read model is needed to answer them. */
class WebAppGraphqlTest {

    private final WebAppGraphql graphql = new WebAppGraphql(null,
            new GraphqlLimits(8, 200_000, DataSize.ofKilobytes(64), 100, Duration.ofSeconds(10), 250, 100_000, DataSize.ofMegabytes(64)));

    @Test
    void aQueryAskingForManyWholePlaylistsAtOnceIsRefused() {
        StringBuilder query = new StringBuilder("query Costly { ");
        for (int i = 0; i < 300; i++) {
            query.append("p").append(i).append(": playlist(genre: \"pop\", service: \"spotify\") { tracks { isrc trackName artistName } } ");
        }
        Map<String, Object> answer = graphql.execute("Costly", query.append("}").toString(), Map.of());
        assertThat(errors(answer)).singleElement().asString().startsWith("maximum query complexity exceeded");
    }

    @Test
    void aQueryAskingForManyWholePlaylistsAtOnceThroughAFragmentIsRefused() {
        StringBuilder query = new StringBuilder("query Costly($genre: String!) { ");
        for (int i = 0; i < 300; i++) {
            query.append("p").append(i).append(": playlist(genre: $genre, service: \"spotify\") { tracks { ...T } } ");
        }
        query.append("} fragment T on Track { isrc trackName artistName }");
        Map<String, Object> answer = graphql.execute("Costly", query.toString(), Map.of("genre", "pop"));
        assertThat(errors(answer)).singleElement().asString().startsWith("maximum query complexity exceeded");
    }

    @Test
    void anOperationOtherThanTheOneNamedIsRefused() {
        Map<String, Object> answer = graphql.execute("GetPlaylist", "query GenerateIframeUrl { serviceOrder }", Map.of());
        assertThat(errors(answer)).singleElement().asString().contains("GetPlaylist");
        assertThat(answer.get("data")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.getOrDefault("errors", List.of())).stream().map(e -> (String) e.get("message")).toList();
    }
}
