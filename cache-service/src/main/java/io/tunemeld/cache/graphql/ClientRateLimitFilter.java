package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most so many GraphQL requests a second from one client (its address: behind a proxy, set
 * server.forward-headers-strategy so that it is the client's, not the proxy's); more are refused with 429
 * and Retry-After, the others' requests unaffected. Clients not seen for ten minutes are forgotten.
 */
class ClientRateLimitFilter extends OncePerRequestFilter {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final int perSecond;
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> clients = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    ClientRateLimitFilter(int perSecond) {
        this.perSecond = perSecond;
        this.config = RateLimiterConfig.custom().limitForPeriod(perSecond).limitRefreshPeriod(PERIOD).timeoutDuration(Duration.ZERO).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter client = clients.get(request.getRemoteAddr(), address -> RateLimiter.of(address, config));
        if (client.acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PERIOD.toSeconds()));
        response.setContentType("text/plain");
        response.getWriter().write("more than " + perSecond + " GraphQL requests a second from this client (GRAPHQL_RATE_LIMIT): try again shortly\n");
    }
}
