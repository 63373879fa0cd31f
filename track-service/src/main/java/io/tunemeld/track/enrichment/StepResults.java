package io.tunemeld.track.enrichment;

import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Outcome;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Planned;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.views.ViewCountRun;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/** What every step does with its result: records it (until when it lasts), plans the audience after it, publishes what changed. */
class StepResults {

    static final String SPOTIFY_NOT_CONFIGURED = "Spotify is not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)";

    private final EnrichmentProperties properties;
    private final EnrichmentSchedule schedule;
    private final EnrichmentRepository repository;
    private final ViewCountRun viewCounts;
    private final EnrichmentEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    /**
     * How a step ended, what it found or why not, and the events its result changed, to be published once it
     * is committed.
     */
    record Result(Outcome outcome, String detail, List<OutgoingEvent<?>> events) {

        Result(Outcome outcome, String detail) {
            this(outcome, detail, List.of());
        }
    }

    StepResults(EnrichmentProperties properties, EnrichmentSchedule schedule, EnrichmentRepository repository, ViewCountRun viewCounts, EnrichmentEvents events,
            TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.schedule = schedule;
        this.repository = repository;
        this.viewCounts = viewCounts;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    Result finish(State state, Outcome outcome, String detail) {
        finish(state, outcome, detail, clock.instant());
        return new Result(outcome, detail);
    }

    /** A found or missing result stays until it is old, a failure is retried sooner. */
    void finish(State state, Outcome outcome, String detail, Instant now) {
        schedule.finish(state.subject(), state.step(), outcome, detail, now,
                now.plus(outcome.lasts() ? state.step().maxAge(properties) : properties.retryAfter()));
    }

    /** The audience follows the metadata whatever it found: it needs only the track's pages. */
    Result finishThenAudience(State state, boolean force, Outcome outcome, String detail) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            planAudience(state, properties.policy(state.genres()), force, now);
            finish(state, outcome, detail, now);
        });
        return new Result(outcome, detail);
    }

    void planAudience(State state, EnrichmentProperties.Policy policy, boolean force, Instant now) {
        if (countsAudience(policy)) {
            schedule.plan(EnrichmentStep.AUDIENCE, List.of(new Planned(state.subject(), Set.copyOf(state.genres()),
                    now.plus(policy.audienceDelay()))), force, now);
        }
    }

    boolean countsAudience(EnrichmentProperties.Policy policy) {
        return policy.audiencePlatforms().stream().anyMatch(viewCounts::counts);
    }

    /** The TrackEnriched a step's result changes: its track's, or those of every track naming its artist or on its album. */
    List<OutgoingEvent<?>> enriched(EnrichmentStep step, String subject) {
        List<EnrichmentRepository.EnrichedTrack> changed = switch (step) {
            case TRACK_METADATA -> repository.enrichedTrack(subject).stream().toList();
            case ARTIST_METADATA -> repository.enrichedTracks(repository.tracksOfArtist(subject));
            case ALBUM_RATINGS -> repository.enrichedTracks(repository.tracksOfAlbum(subject));
            // its counts go out as ViewsCounted when they are taken
            case AUDIENCE -> List.of();
        };
        return changed.stream().<OutgoingEvent<?>>map(events::enriched).toList();
    }
}
