package io.tunemeld.cache.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.CoercedVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What queries cost against the served schema: sizes, days and aliases multiply; ordinary queries stay cheap. */
class QueryComplexityTest {

    private static final long LIMIT = 200_000;
    private final GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(
            new SchemaParser().parse(Path.of("src/main/resources/graphql/schema.graphqls").toFile()));

    @Test
    void theWebPagesOwnQueryIsWellWithinTheLimit() throws IOException {
        String page = Files.readString(Path.of("src/main/resources/static/app.js"));
        String query = page.substring(page.indexOf("`query") + 1, page.indexOf("}`;") + 1);

        assertThat(cost(query, Map.of("genre", "dance"))).isBetween(20_000L, LIMIT / 2);
    }

    @Test
    void pageSizesDaysAndAliasesMultiplyTheCost() {
        long one = cost("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 10) { rank } } }", Map.of());
        long tenTimesTheItems = cost("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 100) { rank } } }", Map.of());
        long twoAliases = cost("{ a: aggregatePlaylist(genre: \"dance\") { entries(limit: 10) { rank } }"
                + " b: aggregatePlaylist(genre: \"dance\") { entries(limit: 10) { rank } } }", Map.of());
        long week = cost("{ track(isrc: \"X\") { viewCounts { history(days: 7) { count } } } }", Map.of());
        long year = cost("{ track(isrc: \"X\") { viewCounts { history(days: 364) { count } } } }", Map.of());

        assertThat(tenTimesTheItems).isGreaterThan(9 * one);
        assertThat(twoAliases).isEqualTo(2 * one);
        assertThat(year).isGreaterThan(40 * week);
    }

    @Test
    void aFewDozenFieldsOfAliasedPagesAndYearsAreRefused() {
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            aliases.append(" a").append(i).append(": aggregatePlaylist(genre: \"dance\") { entries(limit: 250) { track {")
                    .append(" viewCounts { history(days: 366) { count } } } } }");
        }

        assertThat(cost(aliases.append(" }").toString(), Map.of())).isGreaterThan(100 * LIMIT);
        assertThat(cost("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 250) { track { viewCounts { history(days: 366) { count } } } } } }",
                Map.of())).as("one page with a year each").isGreaterThan(LIMIT);
        assertThat(cost("query($n: Int) { aggregatePlaylist(genre: \"dance\") { entries(limit: $n) { track { viewCounts { history(days: 366) { count } } } } } }",
                Map.of("n", 250))).as("the size given as a variable counts the same").isGreaterThan(LIMIT);
    }

    private long cost(String query, Map<String, Object> variables) {
        return QueryLimitsInstrumentation.complexity(schema, Parser.parse(query), null, CoercedVariables.of(variables));
    }
}
