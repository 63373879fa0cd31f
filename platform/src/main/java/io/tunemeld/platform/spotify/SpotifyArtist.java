package io.tunemeld.platform.spotify;

import java.util.List;

/** An artist as {@code /v1/artists/{id}} describes it; popularity and followers are null where Spotify leaves them out. */
public record SpotifyArtist(String id, String name, List<String> genres, Integer popularity, Long followers) {
}
