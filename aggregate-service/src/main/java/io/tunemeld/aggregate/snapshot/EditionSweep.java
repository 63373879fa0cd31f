package io.tunemeld.aggregate.snapshot;

import io.tunemeld.platform.kafka.EventSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ranks the editions that stopped waiting: each is forgotten only once its aggregate is published, so an
 * outage in between ranks it again on the next sweep (the same aggregate, the same event id).
 */
@Component
class EditionSweep {

    private static final Logger log = LoggerFactory.getLogger(EditionSweep.class);

    private final AggregateService aggregates;
    private final EventSender sender;
    private final AggregateProperties properties;

    EditionSweep(AggregateService aggregates, EventSender sender, AggregateProperties properties) {
        this.aggregates = aggregates;
        this.sender = sender;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${tunemeld.aggregate.edition-sweep-interval}")
    void rankOverdue() {
        for (var edition : aggregates.overdueEditions(properties.editionTimeout())) {
            // one edition that cannot be ranked now never keeps the others waiting
            try {
                sender.send(aggregates.rank(edition));
                aggregates.forget(edition);
            } catch (RuntimeException e) {
                log.warn("the overdue edition of {} in run {} is not ranked yet: {}", edition.genre(), edition.runId(), e.getMessage());
            }
        }
    }
}
