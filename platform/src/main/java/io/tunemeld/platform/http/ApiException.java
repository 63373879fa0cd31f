package io.tunemeld.platform.http;

/**
 * A call to an external API that failed. {@code transient} failures (429, 5xx, I/O) are worth retrying;
 * {@code status} is the HTTP status, 0 when there was no answer. Messages never carry credentials.
 */
public class ApiException extends RuntimeException {

    private final boolean transientFailure;
    private final int status;

    public ApiException(String message, boolean transientFailure, int status) {
        super(message);
        this.transientFailure = transientFailure;
        this.status = status;
    }

    public ApiException(String message, boolean transientFailure, int status, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.status = status;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public int status() {
        return status;
    }
}
