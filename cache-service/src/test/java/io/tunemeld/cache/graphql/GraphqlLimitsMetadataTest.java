package io.tunemeld.cache.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The build describes every GraphQL limit to IDEs and operators, in the words of the record's Javadoc. */
class GraphqlLimitsMetadataTest {

    @Test
    void everyLimitIsDescribedWithItsType() throws Exception {
        JsonNode metadata;
        try (InputStream in = GraphqlLimits.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata of cache-service").isNotNull();
            metadata = JsonMapper.shared().readTree(in);
        }
        List<JsonNode> limits = new ArrayList<>();
        metadata.path("properties").forEach(property -> {
            if (property.path("name").asString().startsWith("tunemeld.graphql.")) {
                limits.add(property);
            }
        });

        assertThat(limits).extracting(property -> property.path("name").asString()).containsExactlyInAnyOrder(
                "tunemeld.graphql.max-depth", "tunemeld.graphql.max-complexity", "tunemeld.graphql.max-request-size",
                "tunemeld.graphql.rate-limit", "tunemeld.graphql.request-timeout", "tunemeld.graphql.max-page-size",
                "tunemeld.graphql.parsed-query-cache-chars", "tunemeld.graphql.response-cache-size");
        assertThat(limits).allSatisfy(property -> assertThat(property.path("description").asString()).isNotBlank());
        assertThat(limits).filteredOn(property -> property.path("name").asString().endsWith("request-timeout"))
                .singleElement().satisfies(property -> assertThat(property.path("type").asString()).isEqualTo("java.time.Duration"));
    }
}
