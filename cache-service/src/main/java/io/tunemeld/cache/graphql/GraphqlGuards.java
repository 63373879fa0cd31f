package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.DataFetchingEnvironment;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.TimeoutWebGraphQlInterceptor;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one GraphQL request may ask for: its size, nesting depth, and complexity (every field
 * a point, a list's items as many times as it may hold them), so that neither aliases nor page sizes nor
 * day ranges can make the API do unbounded work; and page sizes (checked where lists are served),
 * refused with a message saying the limit.
 */
@Configuration(proxyBeanMethods = false)
class GraphqlGuards {

    @Bean
    FilterRegistrationBean<RequestSizeFilter> graphqlRequestSize(@Value("${spring.graphql.http.path}") String path,
            @Value("${tunemeld.graphql.max-request-size}") DataSize max) {
        return onPath(new RequestSizeFilter(max), path);
    }

    /** 0 switches the limit off (the API benchmark measures the server, not the policy). */
    @Bean
    @ConditionalOnExpression("${tunemeld.graphql.rate-limit} > 0")
    FilterRegistrationBean<ClientRateLimitFilter> graphqlRateLimit(@Value("${spring.graphql.http.path}") String path,
            @Value("${tunemeld.graphql.rate-limit}") int perSecond) {
        return onPath(new ClientRateLimitFilter(perSecond), path);
    }

    /** Our GraphQL path, and the web app's API ({@code /api/<operation>/}, beside the other {@code /api/} endpoints). */
    private static <F extends Filter> FilterRegistrationBean<F> onPath(F filter, String path) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path, "/api/*");
        return registration;
    }

    /** A request still running after this answers 408, and its work is cancelled where it can be. */
    @Bean
    TimeoutWebGraphQlInterceptor graphqlTimeout(@Value("${tunemeld.graphql.request-timeout}") Duration timeout) {
        return new TimeoutWebGraphQlInterceptor(timeout);
    }

    @Bean
    QueryLimitsInstrumentation queryLimits(@Value("${tunemeld.graphql.max-depth}") int depth,
            @Value("${tunemeld.graphql.max-complexity}") int complexity,
            @Value("${tunemeld.graphql.parsed-query-cache-chars}") long remembered) {
        return new QueryLimitsInstrumentation(depth, complexity, remembered);
    }

    /**
     * Parsing and validating a query costs more than answering it from Redis: each distinct query text is
     * parsed and validated once (clients send the same few queries, with variables), the cache bounded by
     * the length of the queries it holds (a parsed document's size follows its text's), not their number.
     */
    @Bean
    GraphQlSourceBuilderCustomizer parsedDocumentCache(@Value("${tunemeld.graphql.parsed-query-cache-chars}") long chars) {
        Cache<String, PreparsedDocumentEntry> parsed = Caffeine.newBuilder().maximumWeight(chars)
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
