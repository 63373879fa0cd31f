package io.tunemeld.cache.webapp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Where the web app reaches its API: the browser calls it from the app's own origin (CORS, for the origins
 * configured), and the app's local build calls {@code http://localhost:8000}, so the API can also listen on
 * a port of its own, which serves nothing else.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebAppProperties.class)
class WebAppServer {

    private static final Pattern OPERATION_PATH = Pattern.compile("/api/" + WebAppGraphqlController.OPERATION.pattern() + "/");

    @Bean
    WebMvcConfigurer webAppCors(WebAppProperties properties) {
        List<String> origins = properties.allowedOrigins();
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (!origins.isEmpty()) {
                    registry.addMapping(WebAppGraphqlController.PATH).allowedOrigins(origins.toArray(String[]::new))
                            .allowedMethods("POST").allowedHeaders("Content-Type");
                }
            }
        };
    }

    @Bean
    @ConditionalOnExpression("${tunemeld.webapp.port} > 0")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> webAppPort(WebAppProperties properties) {
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(properties.port());
            if (factory.getAddress() != null) {
                connector.setProperty("address", factory.getAddress().getHostAddress());
            }
            factory.addAdditionalConnectors(connector);
        };
    }

    @Bean
    @ConditionalOnExpression("${tunemeld.webapp.port} > 0")
    FilterRegistrationBean<OncePerRequestFilter> webAppPortServesTheAppOnly(WebAppProperties properties) {
        int port = properties.port();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getLocalPort() != port;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (OPERATION_PATH.matcher(request.getRequestURI()).matches()) {
                    chain.doFilter(request, response);
                } else {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }
        });
        // before every other filter: nothing else is reached through this port
        registration.setOrder(Integer.MIN_VALUE);
        return registration;
    }
}
