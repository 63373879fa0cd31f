package io.tunemeld.cache.profiles;

import java.util.List;

/**
 * A Spotify user as GraphQL serves it; {@code follows} and {@code followedBy} are resolved from the ids.
 *
 * @param followIds null where not checked
 */
record SpotifyUserView(String id, String displayName, String url, String imageUrl, Long followers, String listener,
        List<String> followIds, List<Playlist> playlists, String readAt) {

    record Playlist(String id, String name, String url) {
    }
}
