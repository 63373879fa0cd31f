package io.tunemeld.platform.kafka;

import io.tunemeld.schemas.MusicService;

/**
 * An event's fields read as the domain's types. A value that none of our producers writes (a service no
 * version of TuneMeld knows) makes the record one that can never be processed: it is rejected, to the
 * dead-letter topic with the value in the reason.
 */
public final class RecordFields {

    private RecordFields() {
    }

    public static MusicService service(String slug) {
        return MusicService.find(slug).orElseThrow(() -> new RejectedRecordException("unknown service '" + slug + "'"));
    }
}
