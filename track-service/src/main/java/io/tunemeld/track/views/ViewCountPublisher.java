package io.tunemeld.track.views;

import io.tunemeld.events.RunFailure;
import io.tunemeld.events.RunFinished;
import io.tunemeld.events.ViewCountAlert;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class ViewCountPublisher {

    private static final Logger log = LoggerFactory.getLogger(ViewCountPublisher.class);

    private final EventSender sender;

    ViewCountPublisher(EventSender sender) {
        this.sender = sender;
    }

    void publish(String isrc, MusicService service, LocalDate date, long count, Long delta, Optional<ViewCountAlerts.Alert> alert,
            Instant at) {
        sender.send(Topics.VIEW_COUNTS, isrc, ViewsCounted.newBuilder()
                .setEventId(EventIds.of(isrc, service.slug(), date.toString(), Long.toString(count)))
                .setOccurredAt(at)
                .setIsrc(isrc)
                .setService(service.slug())
                .setDate(date)
                .setCount(count)
                .setDelta(delta)
                .setAlert(alert.map(a -> new ViewCountAlert(a.kind().name().toLowerCase(Locale.ROOT), a.trailingAverage())).orElse(null))
                .build());
    }

    /** A run's result, for the notifier: tracks counted and failed over all sources, sources skipped. */
    void publishRun(Instant started, Instant finished, String trigger, Collection<ViewCountRun.Outcome> outcomes,
            List<RunFailure> failures) {
        String runId = UUID.randomUUID().toString();
        Map<String, Integer> counts = new TreeMap<>();
        counts.put("counted", outcomes.stream().mapToInt(ViewCountRun.Outcome::counted).sum());
        counts.put("failed", outcomes.stream().mapToInt(ViewCountRun.Outcome::failed).sum());
        counts.put("skipped", (int) outcomes.stream().filter(outcome -> outcome.skipped() != null).count());
        var event = RunFinished.newBuilder()
                .setEventId(EventIds.of("view-count-run", runId))
                .setOccurredAt(finished)
                .setRunId(runId)
                .setKind("view-counts")
                .setTrigger(trigger)
                .setStartedAt(started)
                .setOutcomes(counts)
                .setFailures(failures)
                .build();
        try {
            sender.send(Topics.TRACK_RUNS, runId, event);
        } catch (RuntimeException e) {
            // the counts are stored and published; only the notification of the run is lost
            log.warn("the result of view-count run {} was not published: {}", runId, e.getMessage());
        }
    }
}
