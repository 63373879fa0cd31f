package io.tunemeld.track.enrichment;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the requests of the steps that have come due: new ones, delayed ones, failed ones to retry and
 * results that have grown old. At most {@code poll-batch} per poll, which paces the cascade.
 */
@Component
class ScheduledEnrichment {

    private final EnrichmentCascade cascade;

    ScheduledEnrichment(EnrichmentCascade cascade) {
        this.cascade = cascade;
    }

    @Scheduled(fixedDelayString = "${tunemeld.enrichment.poll-interval}")
    void poll() {
        cascade.requestDue();
    }
}
