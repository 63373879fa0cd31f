package io.tunemeld.cache.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.parser.Parser;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The limits hold on every request, also when the document comes parsed from the cache and is not validated again. */
class QueryLimitsInstrumentationTest {

    private static final String SCHEMA = "type Query { node: Node nodes(limit: Int, name: String): [Node] } type Node { name: String child: Node }";

    private final Map<String, PreparsedDocumentEntry> parsed = new ConcurrentHashMap<>();
    private final GraphQL graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA),
                    RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(new QueryLimitsInstrumentation(3, 4, 10_000))
            .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
                    parsed.computeIfAbsent(input.getQuery(), query -> parse.apply(input))))
            .build();

    @Test
    void aQueryWithinTheLimitsRunsEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThat(graphql.execute("{ node { name child { name } } }").getErrors()).isEmpty();
        }
    }

    @Test
    void aTooDeepQueryIsRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            ExecutionResult result = graphql.execute("{ node { child { child { name } } } }");
            assertThat(result.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("maximum query depth"));
        }
    }

    @Test
    void aTooComplexQueryIsRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            ExecutionResult result = graphql.execute("{ a: node { name } b: node { name } c: node { name } }");
            assertThat(result.getErrors()).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("maximum query complexity exceeded 6 > 4"));
        }
    }

    /** A pass is remembered for the values of the variables the cost depends on: a bigger page or a field included is checked again. */
    @Test
    void aPassedQueryIsCheckedAgainWhenAVariableItsCostDependsOnChanges() {
        String query = "query($n: Int, $all: Boolean!, $name: String) { nodes(limit: $n, name: $name) { name } node @include(if: $all) { name } }";
        assertThat(graphql.execute(input(query, Map.of("n", 2, "all", false, "name", "x"))).getErrors()).isEmpty();
        assertThat(graphql.execute(input(query, Map.of("n", 2, "all", false, "name", "y"))).getErrors()).isEmpty();
        assertThat(graphql.execute(input(query, Map.of("n", 3, "all", false, "name", "x"))).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("maximum query complexity exceeded 6 > 4"));
        assertThat(graphql.execute(input(query, Map.of("n", 2, "all", true, "name", "x"))).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("maximum query complexity exceeded 6 > 4"));
    }

    @Test
    void theCostVariablesAreThoseOfListSizesAndDirectivesFragmentsIncluded() {
        Document document = new Parser().parseDocument("""
                query($n: Int, $name: String, $hide: Boolean!, $deep: Boolean!) { nodes(limit: $n, name: $name) { ...F } }
                fragment F on Node { name @skip(if: $hide) child @include(if: $deep) { name } }""");
        NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, null);
        assertThat(QueryLimitsInstrumentation.costVariables(operation.operationDefinition, operation.fragmentsByName))
                .containsExactly("deep", "hide", "n");
    }

    private static ExecutionInput input(String query, Map<String, Object> variables) {
        return ExecutionInput.newExecutionInput(query).variables(variables).build();
    }

    /** graphql-java's traversal visits a fragment once however often it is spread: the limits must not. */
    @Test
    void aFragmentSpreadUnderManyAliasesCountsEveryTime() {
        ExecutionResult result = graphql.execute("{ a: node { ...N } b: node { ...N } c: node { ...N } } fragment N on Node { name }");
        assertThat(result.getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("maximum query complexity exceeded 6 > 4"));
    }

    @Test
    void aFragmentSpreadDeeperThanItsFirstUseCountsAtItsDepth() {
        GraphQL deepOnly = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA),
                RuntimeWiring.newRuntimeWiring().build())).instrumentation(new QueryLimitsInstrumentation(3, 100, 100)).build();
        ExecutionResult result = deepOnly.execute("{ node { ...C } x: node { child { child { ...C } } } } fragment C on Node { name }");
        assertThat(result.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("maximum query depth exceeded 4 > 3"));
    }

    /** Each fragment spreading the next twice: counted without inlining, so refused at once. */
    @Test
    void fragmentsThatMultiplyEachOtherAreRefusedWithoutBeingExpanded() {
        StringBuilder query = new StringBuilder("{ node { ...F0 } }");
        for (int i = 0; i < 60; i++) {
            query.append(" fragment F").append(i).append(" on Node { a: child { ...F").append(i + 1).append(" } b: child { ...F")
                    .append(i + 1).append(" } }");
        }
        query.append(" fragment F60 on Node { name }");
        ExecutionResult result = graphql.execute(query.toString());
        assertThat(result.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("maximum query complexity exceeded"));
    }
}
