package io.tunemeld.aggregate.snapshot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How genres are ranked.
 *
 * @param strategy the scoring strategy, a {@code ScoringStrategy}'s name (seed, consensus); change it and replay to re-rank
 */
@ConfigurationProperties("tunemeld.aggregate")
public record AggregateProperties(@DefaultValue("seed") String strategy) {
}
