package io.tunemeld.ingest.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tunemeld.schemas.MusicService;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what each part of a run came to (a playlist, a listener's read), each a span of the run's trace:
 * a failure is recorded and logged with its secrets masked, and the run goes on.
 */
class RunRecorder {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final IngestRunRepository runs;
    private final SecretRedactor redactor;
    private final ObservationRegistry observations;

    /** What a part of a run came to, and the raw payload it stored, if it stored one. */
    record Stored(PlaylistOutcome outcome, Long rawPayloadId) {

        Stored(PlaylistOutcome outcome) {
            this(outcome, null);
        }
    }

    /** A part's failure, its secrets masked; without the original, whose message and stack trace may hold them. */
    private static final class PartFailed extends RuntimeException {
        PartFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    RunRecorder(IngestRunRepository runs, SecretRedactor redactor, ObservationRegistry observations) {
        this.runs = runs;
        this.redactor = redactor;
        this.observations = observations;
    }

    void record(UUID runId, String genre, MusicService service, Supplier<Stored> work) {
        long started = System.nanoTime();
        Stored result;
        try {
            // the span records a failure as it is thrown: with its secrets masked, as the run records it
            result = Observation.createNotStarted("tunemeld.ingest.playlist", observations)
                    .contextualName("ingest " + genre + "/" + service.slug())
                    .lowCardinalityKeyValue("tunemeld.service", service.slug())
                    .highCardinalityKeyValue("tunemeld.genre", genre)
                    .observe(() -> {
                        try {
                            return work.get();
                        } catch (RuntimeException e) {
                            throw new PartFailed(redactor.redact(e.getMessage()));
                        }
                    });
        } catch (RuntimeException e) {
            String reason = redactor.redact(e.getMessage());
            log.warn("playlist {}/{} failed: {}", genre, service.slug(), reason);
            result = new Stored(new PlaylistOutcome(genre, service.slug(), PlaylistOutcome.Status.FAILED, reason));
        }
        runs.record(runId, result.outcome().took((System.nanoTime() - started) / 1_000_000), result.rawPayloadId());
    }

    /** A part that was not attempted, and why. */
    void failed(UUID runId, String genre, String service, String reason) {
        runs.record(runId, new PlaylistOutcome(genre, service, PlaylistOutcome.Status.FAILED, reason), null);
    }
}
