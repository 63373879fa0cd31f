package io.tunemeld.platform.spotify;

import java.util.List;

/** A track found by the search, with its ISRC (when Spotify has one). */
public record SpotifyTrack(String id, String isrc, String title, List<String> artists) {
}
