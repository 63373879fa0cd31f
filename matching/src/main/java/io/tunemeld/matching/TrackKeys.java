package io.tunemeld.matching;

import java.util.Optional;

/**
 * The canonical keys besides an ISRC: fallback keys that can never be mistaken for one. Written by the
 * normalizer, read by track-service (a {@code spotify:} key names the Spotify track to enrich).
 */
public final class TrackKeys {

    private static final String SPOTIFY = "spotify:";
    private static final String HASH = "hash:";

    private TrackKeys() {
    }

    /** The key of a Spotify track known by its id alone. */
    public static String spotify(String spotifyTrackId) {
        return SPOTIFY + spotifyTrackId;
    }

    /** The key of a track known by neither ISRC nor Spotify id: a digest of its normalised artists and title. */
    public static String hash(String digest) {
        return HASH + digest;
    }

    /** The Spotify track id a {@code spotify:} key names. */
    public static Optional<String> spotifyId(String trackKey) {
        return trackKey.startsWith(SPOTIFY) ? Optional.of(trackKey.substring(SPOTIFY.length())) : Optional.empty();
    }
}
