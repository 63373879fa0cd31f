package io.tunemeld.ingest.raw;

import java.time.Instant;

/** A raw payload row; {@code published} tells whether its event has reached Kafka. */
public record StoredPayload(long id, String genre, String service, String source, String sourceRef,
        String contentHash, String payload, Instant fetchedAt, boolean published) {
}
