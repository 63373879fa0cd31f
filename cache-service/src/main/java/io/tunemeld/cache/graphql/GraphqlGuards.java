package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.DataFetchingEnvironment;
import jakarta.servlet.Filter;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.TimeoutWebGraphQlInterceptor;

/**
 * Limits on what one GraphQL request may ask for: its size, nesting depth, and complexity (every field
 * a point, a list's items as many times as it may hold them), so that neither aliases nor page sizes nor
 * day ranges can make the API do unbounded work; and page sizes (checked where lists are served),
 * refused with a message saying the limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphqlLimits.class)
class GraphqlGuards {

    @Bean
    FilterRegistrationBean<RequestSizeFilter> graphqlRequestSize(GraphQlProperties graphql, GraphqlLimits limits) {
        return onPath(new RequestSizeFilter(limits.maxRequestSize()), graphql.getHttp().getPath());
    }

    /** 0 switches the limit off (the API benchmark measures the server, not the policy). */
    @Bean
    @ConditionalOnExpression("${tunemeld.graphql.rate-limit} > 0")
    FilterRegistrationBean<ClientRateLimitFilter> graphqlRateLimit(GraphQlProperties graphql, GraphqlLimits limits) {
        return onPath(new ClientRateLimitFilter(limits.rateLimit()), graphql.getHttp().getPath());
    }

    /** Our GraphQL path, and the web app's API ({@code /api/<operation>/}, beside the other {@code /api/} endpoints). */
    private static <F extends Filter> FilterRegistrationBean<F> onPath(F filter, String path) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path, "/api/*");
        return registration;
    }

    /** A request still running after this answers 408, and its work is cancelled where it can be. */
    @Bean
    TimeoutWebGraphQlInterceptor graphqlTimeout(GraphqlLimits limits) {
        return new TimeoutWebGraphQlInterceptor(limits.requestTimeout());
    }

    @Bean
    QueryLimitsInstrumentation queryLimits(GraphqlLimits limits) {
        return new QueryLimitsInstrumentation(limits.maxDepth(), limits.maxComplexity(), limits.parsedQueryCacheChars());
    }

    /**
     * Parsing and validating a query costs more than answering it from Redis: each distinct query text is
     * parsed and validated once (clients send the same few queries, with variables), the cache bounded by
     * the length of the queries it holds (a parsed document's size follows its text's), not their number.
     */
    @Bean
    GraphQlSourceBuilderCustomizer parsedDocumentCache(GraphqlLimits limits) {
        Cache<String, PreparsedDocumentEntry> parsed = Caffeine.newBuilder().maximumWeight(limits.parsedQueryCacheChars())
                .<String, PreparsedDocumentEntry>weigher((query, document) -> query.length()).build();
        PreparsedDocumentProvider provider = (input, parseAndValidate) -> CompletableFuture.completedFuture(
                parsed.get(input.getQuery(), query -> parseAndValidate.apply(input)));
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
    }

    @Bean
    DataFetcherExceptionResolverAdapter refusedArguments() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable error, DataFetchingEnvironment environment) {
                ErrorType type = error instanceof InvalidArgumentException ? ErrorType.BAD_REQUEST
                        : error instanceof AdminTokenRequiredException ? ErrorType.UNAUTHORIZED : null;
                return type == null ? null : GraphQLError.newError().errorType(type).message(error.getMessage())
                        .path(environment.getExecutionStepInfo().getPath()).location(environment.getField().getSourceLocation()).build();
            }
        };
    }
}
