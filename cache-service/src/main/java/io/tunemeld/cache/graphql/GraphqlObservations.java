package io.tunemeld.cache.graphql;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DataFetcherObservationContext;

/**
 * GraphQL is observed (a span and a timer each) per request, per top-level field and per batch load: where
 * the API reads Redis or PostgreSQL. A nested field is read from what those loaded; observing each of them
 * put a few hundred spans in the trace of every answer, and cost more than answering.
 */
@Configuration(proxyBeanMethods = false)
class GraphqlObservations {

    @Bean
    ObservationPredicate topLevelGraphqlFieldsOnly() {
        return (name, context) -> !(context instanceof DataFetcherObservationContext fetch) || topLevel(fetch);
    }

    private static boolean topLevel(DataFetcherObservationContext fetch) {
        return fetch.getEnvironment().getExecutionStepInfo().getPath().getLevel() == 1;
    }
}
