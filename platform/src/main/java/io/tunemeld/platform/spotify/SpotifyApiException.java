package io.tunemeld.platform.spotify;

/** A Spotify call that failed; {@code transient} ones (429, 5xx, I/O) are worth retrying. */
public class SpotifyApiException extends RuntimeException {

    private final boolean transientFailure;

    SpotifyApiException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    SpotifyApiException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
