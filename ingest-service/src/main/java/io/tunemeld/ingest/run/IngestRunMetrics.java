package io.tunemeld.ingest.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The last ingest run as alerts need it, read from the run records at each scrape so that a restart or a
 * second replica reports the same: when it finished ({@code tunemeld_ingest_last_run_finished_seconds},
 * this service's start while no run has finished, so that a new deployment is not "a day late" at once)
 * and how many of its playlists failed ({@code tunemeld_ingest_last_run_failed_playlists}). Both gauges
 * of one scrape share one read.
 */
@Component
class IngestRunMetrics {

    private static final Duration ONE_SCRAPE = Duration.ofSeconds(1);

    private record Read(Instant at, Optional<IngestRunRepository.LastRun> lastRun) {
    }

    private final IngestRunRepository runs;
    private final Clock clock;
    private volatile Read last = new Read(Instant.MIN, Optional.empty());

    IngestRunMetrics(IngestRunRepository runs, MeterRegistry meters, Clock clock) {
        this.runs = runs;
        this.clock = clock;
        Instant started = clock.instant();
        Gauge.builder("tunemeld.ingest.last.run.finished", this,
                        metrics -> metrics.lastRun().map(IngestRunRepository.LastRun::finishedAt).orElse(started).toEpochMilli() / 1000.0)
                .description("When the last ingest run finished (Unix time), this service's start while none has")
                .baseUnit("seconds").register(meters);
        Gauge.builder("tunemeld.ingest.last.run.failed.playlists", this,
                        metrics -> metrics.lastRun().map(IngestRunRepository.LastRun::failedPlaylists).orElse(0))
                .description("Playlists the last ingest run could not fetch, store or publish").register(meters);
    }

    private Optional<IngestRunRepository.LastRun> lastRun() {
        Instant now = clock.instant();
        Read read = last;
        if (read.at().plus(ONE_SCRAPE).isBefore(now)) {
            read = new Read(now, runs.lastFinished());
            last = read;
        }
        return read.lastRun();
    }
}
