package io.tunemeld.aggregate.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How genres are ranked.
 *
 * @param strategy the scoring strategy, a {@code ScoringStrategy}'s name (seed, consensus); change it and replay to re-rank
 * @param editionTimeout how long an ingest run's edition of a genre waits for its last snapshot before it is ranked
 *        with what is in force
 * @param editionSweepInterval how often editions are checked for that timeout
 */
@ConfigurationProperties("tunemeld.aggregate")
public record AggregateProperties(@DefaultValue("seed") String strategy, @DefaultValue("10m") Duration editionTimeout,
        @DefaultValue("5s") Duration editionSweepInterval) {
}
