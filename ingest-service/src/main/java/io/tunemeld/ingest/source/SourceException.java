package io.tunemeld.ingest.source;

/** A playlist a source could not fetch; the message is the reason shown to users (never a secret). */
public class SourceException extends RuntimeException {

    private final boolean transientFailure;

    public SourceException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public SourceException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
