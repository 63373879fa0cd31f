package io.tunemeld.ingest.profiles;

import io.tunemeld.platform.spotify.SpotifyUserIds;
import io.tunemeld.platform.web.WebUrls;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Spotify user as an API answer describes one ({@code /v1/me}, a playlist's {@code owner}).
 *
 * @param followers null where Spotify gives none (development-mode apps since 2026-02)
 */
public record SpotifyUser(String id, String displayName, String url, String imageUrl, Long followers) {

    /** The user an answer describes; empty without a well-formed id. Addresses other than http(s) are dropped. */
    static Optional<SpotifyUser> of(JsonNode user) {
        String id = text(user.path("id"));
        if (!SpotifyUserIds.wellFormed(id)) {
            return Optional.empty();
        }
        JsonNode followers = user.path("followers").path("total");
        return Optional.of(new SpotifyUser(id, text(user.path("display_name")),
                WebUrls.webOrNull(text(user.path("external_urls").path("spotify"))),
                WebUrls.webOrNull(text(user.path("images").path(0).path("url"))),
                followers.isNumber() ? followers.asLong() : null));
    }

    static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
