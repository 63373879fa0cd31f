package io.tunemeld.normalizer.payload;

import io.tunemeld.platform.kafka.RejectedRecordException;

/** The payload as a whole is not one of the known shapes: it goes to the dead-letter topic. */
public class UnparseablePayloadException extends RejectedRecordException {

    public UnparseablePayloadException(String reason) {
        super(reason);
    }

    public UnparseablePayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
