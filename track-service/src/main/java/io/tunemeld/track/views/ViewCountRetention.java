package io.tunemeld.track.views;

import io.tunemeld.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily view-count history, its failures and its runs are kept for the retention's age. */
@Configuration(proxyBeanMethods = false)
class ViewCountRetention {

    @Bean
    RetentionRule viewCountHistory() {
        return new RetentionRule("view-count history", "delete from historical_view_counts where date < :beforeDate");
    }

    @Bean
    RetentionRule viewCountFailures() {
        return new RetentionRule("view-count failures", "delete from view_count_failures where date < :beforeDate");
    }

    @Bean
    RetentionRule viewCountRuns() {
        return new RetentionRule("view-count runs", "delete from view_count_runs where date < :beforeDate");
    }
}
