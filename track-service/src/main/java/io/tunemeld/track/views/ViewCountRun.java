package io.tunemeld.track.views;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunemeld.events.RunFailure;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads today's count of every canonical track from each source: a count is stored (latest and daily
 * history) and then published; a failure is stored as a failure, never as a zero.
 */
@Service
public class ViewCountRun {

    private static final Logger log = LoggerFactory.getLogger(ViewCountRun.class);

    private final List<ViewCountSource> sources;
    private final ViewCountRepository repository;
    private final ViewCountPublisher publisher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;

    ViewCountRun(List<ViewCountSource> sources, ViewCountRepository repository, ViewCountPublisher publisher,
            TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
        this.sources = sources;
        this.repository = repository;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
        this.meters = meters;
    }

    /** What one source did: tracks counted and failed, or why it was skipped. */
    public record Outcome(int counted, int failed, String skipped) {
    }

    /**
     * Reads every configured source's counts; the run's result is published whatever it is, a source that
     * stopped it included.
     *
     * @param trigger what started it (schedule, api)
     * @return per service what happened
     */
    public synchronized Map<String, Outcome> run(String trigger) {
        Instant started = clock.instant();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<RunFailure> failures = new ArrayList<>();
        String service = null;
        try {
            for (ViewCountSource source : sources) {
                service = source.service().slug();
                if (!source.available()) {
                    outcomes.put(service, new Outcome(0, 0, "not configured"));
                    continue;
                }
                Outcome outcome = count(source);
                outcomes.put(service, outcome);
                log.info("view counts of {}: {}", service, outcome);
                if (outcome.failed() > 0) {
                    failures.add(new RunFailure(service, "%d of %d tracks not counted; their reasons are in track-service's view_count_failures"
                            .formatted(outcome.failed(), outcome.failed() + outcome.counted())));
                }
            }
        } catch (RuntimeException e) {
            failures.add(new RunFailure(service, "the run stopped: " + e.getMessage()));
            throw e;
        } finally {
            publisher.publishRun(started, clock.instant(), trigger, outcomes.values(), failures);
        }
        return outcomes;
    }

    /** The daily run: once per UTC day however many replicas share the schedule. */
    public void runScheduled() {
        Instant now = clock.instant();
        if (repository.claimScheduledRun(LocalDate.ofInstant(now, ZoneOffset.UTC), now)) {
            run("schedule");
        } else {
            log.info("view counts of today were read by another replica");
        }
    }

    /**
     * Reads one track's counts now, on these platforms in this order (the enrichment cascade's audience
     * step); a platform without a source, a configured one, or the track's page on it is left out.
     *
     * @return per platform counted what happened
     */
    public Map<MusicService, Outcome> count(String isrc, List<MusicService> platforms) {
        Map<MusicService, Outcome> outcomes = new LinkedHashMap<>();
        for (MusicService platform : platforms) {
            configuredSource(platform).ifPresent(source -> {
                Map<String, String> urls = repository.urls(platform, Optional.of(isrc));
                if (!urls.isEmpty()) {
                    outcomes.put(platform, count(source, urls));
                }
            });
        }
        return outcomes;
    }

    /** Whether a configured source reads this platform's counts. */
    public boolean counts(MusicService platform) {
        return configuredSource(platform).isPresent();
    }

    private Optional<ViewCountSource> configuredSource(MusicService platform) {
        return sources.stream().filter(source -> source.service() == platform && source.available()).findFirst();
    }

    private Outcome count(ViewCountSource source) {
        return count(source, repository.urls(source.service()));
    }

    private Outcome count(ViewCountSource source, Map<String, String> urls) {
        Map<String, ViewCountSource.ViewCount> counts = source.fetch(urls);
        Instant at = clock.instant();
        LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int counted = 0;
        int failed = 0;
        for (String isrc : urls.keySet()) {
            var count = counts.getOrDefault(isrc, ViewCountSource.ViewCount.failed("the source gave no answer"));
            if (count.failure() != null) {
                transaction.executeWithoutResult(status -> repository.recordFailure(isrc, source.service(), date, count.failure(), at));
                failed++;
            } else {
                Long delta = transaction.execute(status -> repository.record(isrc, source.service(), date, count.count(), at));
                Optional<ViewCountAlerts.Alert> alert = delta == null ? Optional.empty()
                        : ViewCountAlerts.of(delta, repository.changesBefore(isrc, source.service(), date, ViewCountAlerts.TRAILING_DAYS));
                publisher.publish(isrc, source.service(), date, count.count(), delta, alert, at);
                counted++;
            }
        }
        meters.counter("tunemeld.view_counts.fetches", "service", source.service().slug(), "result", "counted").increment(counted);
        meters.counter("tunemeld.view_counts.fetches", "service", source.service().slug(), "result", "failed").increment(failed);
        return new Outcome(counted, failed, null);
    }
}
