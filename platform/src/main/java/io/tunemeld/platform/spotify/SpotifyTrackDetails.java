package io.tunemeld.platform.spotify;

import java.util.List;

/**
 * A track as {@code /v1/tracks/{id}} describes it. Popularity and explicit are null where Spotify leaves
 * them out (development-mode apps lost several fields in 2026-02): unknown, never zero.
 *
 * @param releaseDate as precise as Spotify knows it: {@code 2024}, {@code 2024-05} or {@code 2024-05-17}
 */
public record SpotifyTrackDetails(String id, String isrc, String title, String album, String releaseDate, Long durationMs,
        Integer popularity, Boolean explicit, List<Artist> artists) {

    /** An artist as a track names it. */
    public record Artist(String id, String name) {
    }
}
