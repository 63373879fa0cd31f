package io.tunemeld.cache.graphql;

import io.tunemeld.cache.readmodel.ReadModelWarmer;
import io.tunemeld.platform.web.AdminCaller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The one mutation: an operator rewrites a genre's Redis keys from PostgreSQL. {@code /graphql} is open to
 * everyone for queries, so the admin token is checked here, where the write happens.
 */
@Controller
class CacheRefreshController {

    /** What a refresh rewrote. */
    record CacheRefresh(String genre, int keys) {
    }

    private final ReadModelWarmer warmer;

    CacheRefreshController(ReadModelWarmer warmer) {
        this.warmer = warmer;
    }

    @MutationMapping
    CacheRefresh refreshCache(@Argument String genre) {
        if (!AdminCaller.isAdmin()) {
            throw new AdminTokenRequiredException("refreshCache needs Authorization: Bearer <TUNEMELD_ADMIN_TOKEN>");
        }
        String name = GenreName.require(genre);
        return new CacheRefresh(name, warmer.refresh(name)
                .orElseThrow(() -> new InvalidArgumentException("no genre " + InvalidArgumentException.quoted(name) + " in the read model")));
    }
}
