package io.tunemeld.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every service's web boundary.
 *
 * @param adminToken the bearer token state-changing requests need ({@code TUNEMELD_ADMIN_TOKEN}); a service
 *                   without one does not start
 * @param web what the pages are sent with, and which writes are open
 */
@ConfigurationProperties("tunemeld")
public record AdminBoundaryProperties(String adminToken, @DefaultValue Web web) {

    /**
     * @param contentSecurityPolicy sent with every page but GraphiQL's
     * @param openWrites the paths a POST needs no token for (GraphQL queries; the web app's API)
     */
    public record Web(String contentSecurityPolicy, @DefaultValue("/graphql") List<String> openWrites) {
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AdminBoundaryProperties[adminToken=" + (adminToken == null || adminToken.isBlank() ? "unset" : "set") + ", web=" + web + "]";
    }
}
