package io.tunemeld.cache.readmodel;

import io.tunemeld.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read model's histories (daily view counts, every rank a track held) are kept for the retention's age. */
@Configuration(proxyBeanMethods = false)
class ReadModelRetention {

    @Bean
    RetentionRule viewCountHistory() {
        return new RetentionRule("view-count history", "delete from view_counts where date < :beforeDate");
    }

    @Bean
    RetentionRule rankHistory() {
        return new RetentionRule("rank history", "delete from rank_history where computed_at < :before");
    }
}
