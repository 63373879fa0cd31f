package io.tunemeld.platform.kafka;

/**
 * A record that can never be processed as it is (bad payload, broken invariant): it goes straight to
 * the dead-letter topic with this message as the reason, without retries.
 */
public class RejectedRecordException extends RuntimeException {

    public RejectedRecordException(String reason) {
        super(reason);
    }

    public RejectedRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
