package io.tunemeld.ingest.raw;

/** A payload larger than a raw playlist event may carry: recorded as the playlist's failure, not sent. */
public class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(String message) {
        super(message);
    }
}
