package io.tunemeld.ingest.run;

import io.tunemeld.events.RunFailure;
import io.tunemeld.events.RunFinished;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every finished run's result: for the notifier, how many playlists ended each way and why those that failed did;
 * for aggregate-service, which playlists it published (the snapshots each genre's edition waits for).
 */
class IngestRunPublisher {

    private static final Logger log = LoggerFactory.getLogger(IngestRunPublisher.class);

    private final EventSender sender;

    IngestRunPublisher(EventSender sender) {
        this.sender = sender;
    }

    /**
     * The run stays recorded whatever happens here: a result that cannot be published is logged, and its
     * notification is lost, not the run.
     */
    void publish(IngestRun run, String kind) {
        Map<String, Integer> outcomes = new TreeMap<>();
        run.playlists().forEach(playlist -> outcomes.merge(playlist.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
        List<RunFailure> failures = run.playlists().stream().filter(playlist -> playlist.status() == PlaylistOutcome.Status.FAILED)
                .map(playlist -> new RunFailure(playlist.genre() + "/" + playlist.service(), String.valueOf(playlist.detail())))
                .toList();
        List<String> published = run.playlists().stream().filter(playlist -> playlist.status() == PlaylistOutcome.Status.PUBLISHED)
                .map(playlist -> Topics.playlistKey(playlist.genre(), MusicService.of(playlist.service()))).toList();
        var event = RunFinished.newBuilder()
                .setEventId(EventIds.of("ingest-run", run.id().toString()))
                .setOccurredAt(run.finishedAt())
                .setRunId(run.id().toString())
                .setKind(kind)
                .setTrigger(run.trigger())
                .setStartedAt(run.startedAt())
                .setOutcomes(outcomes)
                .setFailures(failures)
                .setPublished(published)
                .build();
        try {
            sender.send(Topics.INGEST_RUNS, run.id().toString(), event);
        } catch (RuntimeException e) {
            log.warn("the result of ingest run {} was not published, so no one is notified of it: {}", run.id(), e.getMessage());
        }
    }
}
