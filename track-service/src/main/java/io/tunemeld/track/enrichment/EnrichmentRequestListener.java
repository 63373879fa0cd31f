package io.tunemeld.track.enrichment;

import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** One step at a time: each is an API call or two, paced by the platform's rate limit. */
@Component
class EnrichmentRequestListener extends ReplayableListener {

    private final EnrichmentCascade cascade;
    private final EventSender sender;

    EnrichmentRequestListener(EnrichmentCascade cascade, EventSender sender) {
        this.cascade = cascade;
        this.sender = sender;
    }

    // a poll's steps must be done within the consumer's poll interval: an album's ratings take two requests at
    // the site's slow pace, so a poll takes a few steps, not the client's default hundreds
    @KafkaListener(topics = Topics.Names.ENRICHMENT_REQUESTS, properties = "max.poll.records=10")
    void on(EnrichmentRequested request) {
        sender.send(cascade.handle(request));
    }
}
