package io.tunemeld.cache.webapp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where TuneMeld's web app reaches its API (tunemeld.webapp.*, defaults in cache-service.yml).
 *
 * @param port a port of the API's own, which serves nothing else (the app's local build calls
 *        {@code http://localhost:8000}); 0 for none, the API then on the server's port only
 * @param allowedOrigins the origins whose pages may call the API; none by default
 */
@ConfigurationProperties("tunemeld.webapp")
record WebAppProperties(int port, List<String> allowedOrigins) {
}
