package io.tunemeld.cache.graphql;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one GraphQL request may ask of the API, ours and the web app's alike, and what is kept to answer the
 * next ones sooner (tunemeld.graphql.*, defaults in cache-service.yml).
 *
 * @param maxDepth the deepest nesting of fields
 * @param maxComplexity every field a point, a list's items as many times as its limit (or days) allows
 * @param maxRequestSize the largest request body: a query and its variables
 * @param rateLimit requests a second from one client address, more answered 429; 0 for no limit
 * @param requestTimeout a request still running after this is answered 408
 * @param maxPageSize the most entries one page of a playlist or aggregate returns
 * @param parsedQueryCacheChars distinct queries kept parsed and checked, by the characters of their text
 * @param responseCacheSize answers kept while the read model is unchanged, by their JSON's size
 */
@ConfigurationProperties("tunemeld.graphql")
public record GraphqlLimits(int maxDepth, int maxComplexity, DataSize maxRequestSize, int rateLimit, Duration requestTimeout,
        int maxPageSize, long parsedQueryCacheChars, DataSize responseCacheSize) {
}
