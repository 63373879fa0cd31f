package io.tunemeld.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes the history older than {@link RetentionProperties#maxAge()} by the service's rules, daily and on
 * request, and reports what it removed: in the log, as {@code tunemeld_retention_removed_total{what}}, and
 * to whoever asked.
 */
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetentionRule> rules;
    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetentionJob(List<RetentionRule> rules, JdbcClient jdbc, RetentionProperties properties, MeterRegistry meters, Clock clock) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        rules.forEach(rule -> meters.counter("tunemeld.retention.removed", "what", rule.what()));
    }

    @Scheduled(cron = "${tunemeld.retention.schedule}", zone = "UTC")
    void daily() {
        if (!rules.isEmpty()) {
            run();
        }
    }

    /** Rows removed, by what they were; each rule's delete is a statement of its own. */
    public Report run() {
        Instant before = clock.instant().minus(properties.maxAge());
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            int rows = jdbc.sql(rule.delete()).paramSource(Map.of("before", Timestamp.from(before),
                    "beforeDate", Date.valueOf(before.atOffset(ZoneOffset.UTC).toLocalDate()))).update();
            meters.counter("tunemeld.retention.removed", "what", rule.what()).increment(rows);
            removed.put(rule.what(), rows);
        }
        log.info("retention: removed {} older than {}", removed, before);
        return new Report(before, removed);
    }

    public record Report(Instant before, Map<String, Integer> removed) {
    }
}
