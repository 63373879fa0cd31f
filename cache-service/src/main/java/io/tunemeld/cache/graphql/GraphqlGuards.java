package io.tunemeld.cache.graphql;

import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Limits on what one GraphQL request may ask for: nesting depth, and complexity (one point per field
 * selected), so a query with many aliases cannot make the API do unbounded work; and page sizes
 * (checked where lists are served), refused with a message saying the limit.
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

    @Bean
    DataFetcherExceptionResolverAdapter pageOutOfRange() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable error, DataFetchingEnvironment environment) {
                return error instanceof PageOutOfRangeException ? GraphQLError.newError().errorType(ErrorType.BAD_REQUEST)
                        .message(error.getMessage()).path(environment.getExecutionStepInfo().getPath())
                        .location(environment.getField().getSourceLocation()).build() : null;
            }
        };
    }
}
