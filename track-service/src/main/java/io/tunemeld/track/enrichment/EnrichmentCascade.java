package io.tunemeld.track.enrichment;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.track.albums.AlbumOfTheYearClient;
import io.tunemeld.track.canonical.TracksSighted;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Planned;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.views.ViewCountRun;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enrichment cascade's schedule. A track seen for the first time gets its metadata step scheduled; each
 * step, requested by an event when it comes due, is done by its {@link StepHandler}, which stores what it
 * found and schedules the next: the track's artists (those not known yet) and its album's ratings (where a
 * genre asks for them), then its audience figures. Per genre each step is on or off, with its delay and
 * audience platforms. A result is fetched again once old, a failed step after a while; an answer never counts
 * as found when the call failed.
 */
@Service
public class EnrichmentCascade {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentCascade.class);

    private final EnrichmentProperties properties;
    private final EnrichmentSchedule schedule;
    private final Optional<SpotifyClient> spotify;
    private final EnrichmentEvents events;
    private final StepResults results;
    private final Map<EnrichmentStep, StepHandler> steps = new EnumMap<>(EnrichmentStep.class);
    private final TransactionTemplate transaction;
    private final EventSender sender;
    private final Clock clock;
    private final MeterRegistry meters;

    EnrichmentCascade(EnrichmentProperties properties, EnrichmentSchedule schedule, EnrichmentRepository repository,
            Optional<SpotifyClient> spotify, AlbumOfTheYearClient albumRatings, ViewCountRun viewCounts, EnrichmentEvents events, TransactionTemplate transaction,
            EventSender sender, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.schedule = schedule;
        this.spotify = spotify;
        this.events = events;
        this.results = new StepResults(properties, schedule, repository, viewCounts, events, transaction, clock);
        steps.put(EnrichmentStep.TRACK_METADATA, new TrackMetadataStep(spotify, properties, schedule, repository, results, transaction, clock));
        steps.put(EnrichmentStep.ARTIST_METADATA, new ArtistMetadataStep(spotify, repository, results, transaction, clock));
        steps.put(EnrichmentStep.ALBUM_RATINGS, new AlbumRatingsStep(albumRatings, repository, results, transaction, clock));
        steps.put(EnrichmentStep.AUDIENCE, new AudienceStep(properties, repository, viewCounts, results));
        this.transaction = transaction;
        this.sender = sender;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * What a run did: tracks newly scheduled, steps forced, requests sent now (the rest follow at the poll's
     * pace), and why tracks seen before were not scheduled, if they were not.
     */
    public record Run(int scheduled, int forced, int requested, List<String> notes) {
    }

    /**
     * Schedules the first step of tracks not scheduled yet: their metadata, or their audience where
     * only that is on. Only the genres that want a step a configured platform can do count (and are
     * kept with the step): which others a track was also seen in makes no difference, so the schedule
     * does not depend on the order sightings arrive in.
     */
    @EventListener
    void on(TracksSighted sighted) {
        Instant now = clock.instant();
        Map<Set<String>, EnrichmentProperties.Policy> policies = new HashMap<>();
        Map<EnrichmentStep, List<Planned>> planned = new EnumMap<>(EnrichmentStep.class);
        sighted.genresByTrack().forEach((trackKey, genres) -> {
            Set<String> enriched = new TreeSet<>();
            genres.stream().filter(genre -> wantsAStep(policies.computeIfAbsent(Set.of(genre), properties::policy))).forEach(enriched::add);
            if (enriched.isEmpty()) {
                return;
            }
            EnrichmentProperties.Policy policy = policies.computeIfAbsent(enriched, properties::policy);
            boolean metadata = policy.trackMetadata() && spotify.isPresent();
            planned.computeIfAbsent(metadata ? EnrichmentStep.TRACK_METADATA : EnrichmentStep.AUDIENCE, step -> new ArrayList<>())
                    .add(new Planned(trackKey, enriched, now.plus(metadata ? policy.metadataDelay() : policy.audienceDelay())));
        });
        planned.forEach((step, subjects) -> schedule.plan(step, subjects, false, now));
    }

    private boolean wantsAStep(EnrichmentProperties.Policy policy) {
        return policy.trackMetadata() && spotify.isPresent() || results.countsAudience(policy);
    }

    /**
     * Sends the requests of the steps that have come due, as many as leave at most a poll's worth
     * unanswered: the cascade goes at the pace its steps are done, and a backlog waits in the table, not
     * in the topic.
     */
    public int requestDue() {
        Instant now = clock.instant();
        Instant unanswered = now.minus(properties.unansweredAfter());
        List<EnrichmentSchedule.Due> due = transaction.execute(status -> {
            int room = properties.pollBatch() - schedule.awaitingAnswer(unanswered);
            return room > 0 ? schedule.claimDue(now, unanswered, room) : List.<EnrichmentSchedule.Due>of();
        });
        sender.send(due.stream().map(step -> events.requested(step, now)).toList());
        return due.size();
    }

    /**
     * @param trackKey only this track
     * @param force its (their) metadata fetched again, and its artists and audience after it
     */
    public Run run(Optional<String> trackKey, boolean force) {
        Instant now = clock.instant();
        // their genres are not known here: the defaults decide
        boolean backfill = trackKey.isEmpty() && spotify.isPresent() && properties.policy(Set.of()).trackMetadata();
        List<String> notes = new ArrayList<>();
        if (spotify.isEmpty()) {
            notes.add(StepResults.SPOTIFY_NOT_CONFIGURED + ": no track metadata or artists are fetched and tracks seen before are not scheduled;"
                    + " new tracks get only their audience counts, in the genres that count them on a configured platform");
        } else if (trackKey.isEmpty() && !backfill) {
            notes.add("track metadata is off by default (ENRICHMENT_TRACK_METADATA=false): tracks seen before are not scheduled");
        }
        int scheduled = backfill ? schedule.planUnscheduledTracks(now) : 0;
        int forced = force ? schedule.forceTracks(trackKey, now) : 0;
        int requested = requestDue();
        log.info("enrichment run{}{}: {} tracks newly scheduled, {} forced, {} requests sent", trackKey.map(k -> " of " + k).orElse(""),
                force ? " (forced)" : "", scheduled, forced, requested);
        notes.forEach(note -> log.info("enrichment run: {}", note));
        return new Run(scheduled, forced, requested, notes);
    }

    /**
     * Does the requested step, unless it is not due and not forced.
     *
     * @return the events its result changed, to be published once it is committed
     */
    List<OutgoingEvent<?>> handle(EnrichmentRequested request) {
        EnrichmentStep step = EnrichmentStep.parse(request.getStep())
                .orElseThrow(() -> new RejectedRecordException("unknown enrichment step '" + request.getStep() + "'"));
        Optional<State> state = schedule.state(request.getSubject(), step);
        Instant now = clock.instant();
        if (state.isEmpty()) {
            log.info("{} of {} was never scheduled: nothing to do", step, request.getSubject());
            return List.of();
        }
        // the schedule decides, not the request: a replayed forced request fetches nothing again
        boolean force = state.get().force();
        if (!force && state.get().dueAt().isAfter(now)) {
            // done (or failed) since the request went out: a retried, repeated or replayed request, or one sent before a
            // refresh was moved. The step is marked done before its events are acknowledged, so a retry after a failed
            // publish ends here: what it published goes out again (the same events), or it would be lost until due again
            return results.enriched(step, request.getSubject());
        }
        StepResults.Result result = steps.get(step).handle(state.get(), force);
        meters.counter("tunemeld.enrichment.steps", "step", step.name(), "outcome", result.outcome().name()).increment();
        log.info("{} of {}: {}{}", step, request.getSubject(), result.outcome(), result.detail() == null ? "" : " (" + result.detail() + ")");
        return result.events();
    }
}
