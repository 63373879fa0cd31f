package io.tunemeld.track.enrichment;

import io.tunemeld.platform.spotify.SpotifyTrackDetails;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * An album as a track's Spotify metadata names it: its first artist and its title. Its key (the
 * album-ratings step's subject) folds case, so every track of the album shares one rating.
 */
record Album(String key, String artist, String title) {

    static final String PREFIX = "album:";

    static Optional<Album> of(SpotifyTrackDetails details) {
        if (details.album() == null || details.album().isBlank() || details.artists().isEmpty()
                || details.artists().get(0).name().isBlank()) {
            return Optional.empty();
        }
        String artist = details.artists().get(0).name().strip();
        String title = details.album().strip();
        return Optional.of(new Album(PREFIX + fold(artist) + " / " + fold(title), artist, title));
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
