package io.tunemeld.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The admin boundary of every service, in Spring Security's filter chain, which matches the same
 * decoded, normalised path Spring MVC dispatches on (and its firewall rejects the forms that could
 * tell the two apart). Reads are open; the open writes are GraphQL queries ({@code tunemeld.web.open-writes});
 * every other write (ingest runs, republish, cache warming, enrichment and view-count runs, actuator writes
 * such as replay) needs {@code Authorization: Bearer <TUNEMELD_ADMIN_TOKEN>}. A service without a token does not start: an
 * unguarded deployment is a configuration error, not a warning.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(AdminBoundaryProperties.class)
public class AdminSecurityAutoConfiguration {

    private static final String ADMIN = AdminCaller.ROLE;
    private static final String BEARER = "Bearer ";
    private static final String NEEDS_TOKEN = "this operation needs Authorization: Bearer <TUNEMELD_ADMIN_TOKEN>\n";

    /**
     * Spring Security's own observations off: a span and timers for every filter of the chain and for every
     * authorization, on every request, cost the API more than answering it. A request is observed once
     * ({@code http.server.requests}, whose status says 401 or 403).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager adminTokenAuthentication(AdminBoundaryProperties properties,
            @Value("${spring.application.name:service}") String service) {
        String token = properties.adminToken();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(service + " will not start without an admin token: set TUNEMELD_ADMIN_TOKEN "
                    + "(a long random secret) so that its state-changing endpoints are guarded");
        }
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        var admin = List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN));
        return authentication -> {
            byte[] given = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given)) {
                throw new BadCredentialsException("wrong admin token");
            }
            return new PreAuthenticatedAuthenticationToken(ADMIN, null, admin);
        };
    }

    @Bean
    SecurityFilterChain adminBoundary(HttpSecurity http, AuthenticationManager adminTokenAuthentication,
            AdminBoundaryProperties properties) throws Exception {
        String contentSecurityPolicy = properties.web().contentSecurityPolicy();
        // defaulted in the record, not in the platform's configuration file: an imported file overrides the service's own
        String[] openWrites = properties.web().openWrites().toArray(String[]::new);
        var bearer = new AuthenticationFilter(adminTokenAuthentication, request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.startsWith(BEARER)
                    ? new PreAuthenticatedAuthenticationToken(ADMIN, header.substring(BEARER.length())) : null;
        });
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler((request, response, failure) -> refuse(response));
        // GraphiQL's page loads its scripts inline and from a CDN; every other page gets the strict policy
        var graphiql = PathPatternRequestMatcher.withDefaults().matcher("/graphiql");
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> refuse(response)))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(graphiql), new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy))))
                .authorizeHttpRequests(requests -> requests
                        // rendering the error of a request already let through (or refused) changes nothing
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .requestMatchers(HttpMethod.HEAD).permitAll()
                        .requestMatchers(HttpMethod.OPTIONS).permitAll()
                        .requestMatchers(HttpMethod.POST, openWrites).permitAll()
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain");
        response.getWriter().write(NEEDS_TOKEN);
    }
}
