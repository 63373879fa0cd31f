package io.tunemeld.aggregate.snapshot;

import io.tunemeld.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ranks every aggregate gave (what previous rank, peak rank and days on the list are counted from) are
 * kept for the retention's age: the statistics then count within it.
 */
@Configuration(proxyBeanMethods = false)
class ChartHistoryRetention {

    @Bean
    RetentionRule rankHistory() {
        return new RetentionRule("rank history", "delete from aggregate_entries where computed_at < :before");
    }
}
