package io.tunemeld.aggregate.snapshot;

import io.tunemeld.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ranks every aggregate gave (what previous rank, peak rank and days on the list are counted from) are
 * kept for the retention's age: the statistics then count within it. So is the record of which runs finished,
 * which a snapshot replayed later than that no longer finds: its edition is then ranked when it is overdue.
 */
@Configuration(proxyBeanMethods = false)
class AggregateRetention {

    @Bean
    RetentionRule rankHistory() {
        return new RetentionRule("rank history", "delete from aggregate_entries where computed_at < :before");
    }

    @Bean
    RetentionRule finishedRuns() {
        return new RetentionRule("finished runs", "delete from finished_runs where finished_at < :before");
    }
}
