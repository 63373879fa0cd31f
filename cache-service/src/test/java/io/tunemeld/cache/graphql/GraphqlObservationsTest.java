package io.tunemeld.cache.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.observation.DataFetcherObservationContext;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

class GraphqlObservationsTest {

    private static final String SCHEMA = "type Query { node: Node nodes: [Node] } type Node { name: String child: Node }";

    @Test
    void aRequestAndItsTopLevelFieldsAreObservedNotItsNestedFields() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationPredicate(new GraphqlObservations().topLevelGraphqlFieldsOnly())
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }

                    @Override
                    public void onStart(Observation.Context context) {
                        observed.add(context instanceof DataFetcherObservationContext fetch
                                ? fetch.getEnvironment().getExecutionStepInfo().getPath().toString() : context.getName());
                    }
                });
        // every fetcher a lambda: none is trivial, so each would be observed but for the predicate
        Map<String, Object> node = Map.of("name", "a", "child", Map.of("name", "b"));
        DataFetcher<Object> property = env -> ((Map<?, ?>) env.getSource()).get(env.getField().getName());
        GraphQL graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA),
                        RuntimeWiring.newRuntimeWiring()
                                .type("Query", type -> type.dataFetcher("node", env -> node).dataFetcher("nodes", env -> List.of(node, node)))
                                .type("Node", type -> type.dataFetcher("name", property).dataFetcher("child", property)).build()))
                .instrumentation(new GraphQlObservationInstrumentation(registry)).build();

        assertThat(graphql.execute("{ node { name child { name } } nodes { name } }").getErrors()).isEmpty();

        assertThat(observed).containsExactlyInAnyOrder("graphql.request", "/node", "/nodes");
    }
}
