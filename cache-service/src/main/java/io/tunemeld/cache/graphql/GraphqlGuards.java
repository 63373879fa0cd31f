package io.tunemeld.cache.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Limits on what one GraphQL request may ask for: nesting depth, and complexity (one point per field
 * selected), so a query with many aliases cannot make the API do unbounded work.
 */
@Configuration(proxyBeanMethods = false)
class GraphqlGuards {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${tunemeld.graphql.max-depth}") int depth) {
        return new MaxQueryDepthInstrumentation(depth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(@Value("${tunemeld.graphql.max-complexity}") int complexity) {
        return new MaxQueryComplexityInstrumentation(complexity);
    }
}
