package io.tunemeld.track.enrichment;

import io.tunemeld.platform.kafka.EventSender;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the cascade's steps went, for operators: every {@code report-interval}, the steps attempted since the
 * last report, counted by outcome and each failure with its reason, go out as a run on track.runs (kind
 * {@code enrichment}), which the notifier posts when one failed. Where the last report ended is kept in
 * the database and moved in the transaction that reads the attempts, so that replicas report each attempt
 * once; the report is acknowledged before that transaction commits, so a crash reports the window again
 * rather than not at all.
 */
@Component
public class EnrichmentReport {

    private final EnrichmentSchedule schedule;
    private final EnrichmentEvents events;
    private final EventSender sender;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EnrichmentReport(EnrichmentSchedule schedule, EnrichmentEvents events, EventSender sender, TransactionTemplate transaction,
            Clock clock) {
        this.schedule = schedule;
        this.events = events;
        this.sender = sender;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Reports the steps attempted since the last report, if any were. */
    @Scheduled(fixedDelayString = "${tunemeld.enrichment.report-interval}", initialDelayString = "${tunemeld.enrichment.report-interval}")
    public void report() {
        transaction.executeWithoutResult(status -> {
            Instant from = schedule.lockReportedUntil();
            Instant to = clock.instant();
            List<EnrichmentSchedule.Attempt> attempts = schedule.attemptedBetween(from, to);
            schedule.reportedUntil(to);
            if (!attempts.isEmpty()) {
                sender.send(List.of(events.report(from, to, attempts)));
            }
        });
    }
}
