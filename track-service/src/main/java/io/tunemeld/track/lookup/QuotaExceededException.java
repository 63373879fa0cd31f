package io.tunemeld.track.lookup;

/** The service allows no more calls today: stop asking until tomorrow (UTC). */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
