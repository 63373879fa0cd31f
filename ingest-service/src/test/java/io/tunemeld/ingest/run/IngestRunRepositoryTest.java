package io.tunemeld.ingest.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tunemeld.embedded.ServiceDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ingest-service's run records on its own migrations in a real PostgreSQL. */
class IngestRunRepositoryTest {

    private final IngestRunRepository runs = new IngestRunRepository(ServiceDatabase.of("ingest").jdbc());

    /** A playlist's outcome recorded again in the same run (a retry) replaces the first; the run keeps one per playlist. */
    @Test
    void aRunKeepsTheLastOutcomeOfEachPlaylist() {
        UUID id = UUID.randomUUID();
        Instant started = Instant.parse("2026-11-30T06:00:00Z");
        runs.start(id, "test", "api", started);
        runs.record(id, new PlaylistOutcome("pop", "spotify", PlaylistOutcome.Status.FAILED, "timed out", 30_000L), null);
        runs.record(id, new PlaylistOutcome("pop", "spotify", PlaylistOutcome.Status.UNCHANGED, null, 120L), null);
        runs.record(id, new PlaylistOutcome("dance", "spotify", PlaylistOutcome.Status.FAILED, "HTTP 503", 80L), null);
        runs.finish(id, started.plusSeconds(3));

        IngestRun run = runs.find(id).orElseThrow();
        assertThat(run.finishedAt()).isEqualTo(started.plusSeconds(3));
        assertThat(run.playlists()).extracting(PlaylistOutcome::genre, PlaylistOutcome::status).containsExactly(
                tuple("dance", PlaylistOutcome.Status.FAILED),
                tuple("pop", PlaylistOutcome.Status.UNCHANGED));
    }

    /** A republish fetches nothing, so it is not the last run the health check reports on. */
    @Test
    void theLastFinishedRunIsNotARepublish() {
        Instant later = Instant.parse("2099-01-01T00:00:00Z");
        UUID fetch = UUID.randomUUID();
        runs.start(fetch, "schedule", "api", later);
        runs.record(fetch, new PlaylistOutcome("rap", "spotify", PlaylistOutcome.Status.FAILED, "HTTP 500", 10L), null);
        runs.finish(fetch, later.plusSeconds(1));
        UUID republish = UUID.randomUUID();
        runs.start(republish, "republish", "raw-store", later.plusSeconds(2));
        runs.finish(republish, later.plusSeconds(3));

        assertThat(runs.lastFinished()).hasValue(new IngestRunRepository.LastRun(later.plusSeconds(1), 1));
    }
}
