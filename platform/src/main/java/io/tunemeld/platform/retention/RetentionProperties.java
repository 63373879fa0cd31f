package io.tunemeld.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept ({@code tunemeld.retention.schedule} says when the daily job runs: cron, UTC,
 * {@code -} switches it off).
 *
 * @param maxAge history older than this is deleted: a year, and the day the longest view-count history the
 *     API serves reaches back
 */
@ConfigurationProperties("tunemeld.retention")
public record RetentionProperties(@DefaultValue("366d") Duration maxAge) {
}
