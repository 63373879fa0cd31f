package io.tunemeld.track.enrichment;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.matching.TrackKeys;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.platform.spotify.SpotifyArtist;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyTrack;
import io.tunemeld.platform.spotify.SpotifyTrackDetails;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.albums.AlbumOfTheYearClient;
import io.tunemeld.track.albums.AlbumRating;
import io.tunemeld.track.canonical.TracksSighted;
import io.tunemeld.track.enrichment.EnrichmentRepository.Outcome;
import io.tunemeld.track.enrichment.EnrichmentRepository.Planned;
import io.tunemeld.track.enrichment.EnrichmentRepository.State;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enrichment cascade. A track seen for the first time gets its metadata step scheduled; each step,
 * requested by an event when it comes due, stores what it found and schedules the next: the track's
 * artists (those not known yet) and its album's ratings (where a genre asks for them), then its audience
 * figures. Per genre each step is on or off, with its
 * delay and audience platforms. A result is fetched again once old, a failed step after a while; an
 * answer never counts as found when the call failed.
 */
@Service
public class EnrichmentCascade {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentCascade.class);
    private static final Pattern SPOTIFY_TRACK_URL = Pattern.compile("open\\.spotify\\.com/(?:intl-[a-z]+/)?track/([A-Za-z0-9]+)");
    private static final String SPOTIFY_NOT_CONFIGURED = "Spotify is not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)";

    private final EnrichmentProperties properties;
    private final EnrichmentRepository repository;
    private final Optional<SpotifyClient> spotify;
    private final AlbumOfTheYearClient albumRatings;
    private final ViewCountRun viewCounts;
    private final EnrichmentPublisher publisher;
    private final TransactionTemplate transaction;
    private final EventSender sender;
    private final Clock clock;
    private final MeterRegistry meters;

    EnrichmentCascade(EnrichmentProperties properties, EnrichmentRepository repository, Optional<SpotifyClient> spotify,
            AlbumOfTheYearClient albumRatings, ViewCountRun viewCounts, EnrichmentPublisher publisher, TransactionTemplate transaction,
            EventSender sender, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.repository = repository;
        this.spotify = spotify;
        this.albumRatings = albumRatings;
        this.viewCounts = viewCounts;
        this.publisher = publisher;
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
        planned.forEach((step, subjects) -> repository.plan(step, subjects, false, now));
    }

    private boolean wantsAStep(EnrichmentProperties.Policy policy) {
        return policy.trackMetadata() && spotify.isPresent() || countsAudience(policy);
    }

    /**
     * Sends the requests of the steps that have come due, as many as leave at most a poll's worth
     * unanswered: the cascade goes at the pace its steps are done, and a backlog waits in the table, not
     * in the topic.
     */
    public int requestDue() {
        Instant now = clock.instant();
        Instant unanswered = now.minus(properties.unansweredAfter());
        EventSender.Batch published = sender.batch();
        List<EnrichmentRepository.Due> due = transaction.execute(status -> {
            int room = properties.pollBatch() - repository.awaitingAnswer(unanswered);
            return room > 0 ? repository.claimDue(now, unanswered, room) : List.<EnrichmentRepository.Due>of();
        });
        due.forEach(step -> publisher.request(step, now, published));
        published.await();
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
            notes.add(SPOTIFY_NOT_CONFIGURED + ": no track metadata or artists are fetched and tracks seen before are not scheduled;"
                    + " new tracks get only their audience counts, in the genres that count them on a configured platform");
        } else if (trackKey.isEmpty() && !backfill) {
            notes.add("track metadata is off by default (ENRICHMENT_TRACK_METADATA=false): tracks seen before are not scheduled");
        }
        int scheduled = backfill ? repository.planUnscheduledTracks(now) : 0;
        int forced = force ? repository.forceTracks(trackKey, now) : 0;
        int requested = requestDue();
        log.info("enrichment run{}{}: {} tracks newly scheduled, {} forced, {} requests sent", trackKey.map(k -> " of " + k).orElse(""),
                force ? " (forced)" : "", scheduled, forced, requested);
        notes.forEach(note -> log.info("enrichment run: {}", note));
        return new Run(scheduled, forced, requested, notes);
    }

    /** Does the requested step, unless it is not due and not forced. */
    void handle(EnrichmentRequested request, EventSender.Batch published) {
        EnrichmentStep step = EnrichmentStep.parse(request.getStep())
                .orElseThrow(() -> new RejectedRecordException("unknown enrichment step '" + request.getStep() + "'"));
        Optional<State> state = repository.state(request.getSubject(), step);
        Instant now = clock.instant();
        if (state.isEmpty()) {
            log.info("{} of {} was never scheduled: nothing to do", step, request.getSubject());
            return;
        }
        // the schedule decides, not the request: a replayed forced request fetches nothing again
        boolean force = state.get().force();
        if (!force && state.get().dueAt().isAfter(now)) {
            // done (or failed) since the request went out: a retried, repeated or replayed request, or one sent before a
            // refresh was moved. The step is marked done before its events are acknowledged, so a retry after a failed
            // publish ends here: what it published goes out again (the same events), or it would be lost until due again
            publishEnriched(step, request.getSubject(), published);
            return;
        }
        Result result = switch (step) {
            case TRACK_METADATA -> trackMetadata(state.get(), force, published);
            case ARTIST_METADATA -> artistMetadata(state.get(), published);
            case AUDIENCE -> audience(state.get());
            case ALBUM_RATINGS -> albumRatings(state.get(), published);
        };
        meters.counter("tunemeld.enrichment.steps", "step", step.name(), "outcome", result.outcome().name()).increment();
        log.info("{} of {}: {}{}", step, request.getSubject(), result.outcome(), result.detail() == null ? "" : " (" + result.detail() + ")");
    }

    private record Result(Outcome outcome, String detail) {
    }

    private Result trackMetadata(State state, boolean force, EventSender.Batch published) {
        if (spotify.isEmpty()) {
            return finish(state, Outcome.SKIPPED, SPOTIFY_NOT_CONFIGURED);
        }
        Optional<EnrichmentRepository.TrackFacts> track = repository.track(state.subject());
        if (track.isEmpty()) {
            // re-keyed: its sightings, and its enrichment, are the new key's now
            repository.forget(state.subject());
            return new Result(Outcome.NOT_FOUND, "no track under this key any more");
        }
        SpotifyTrackDetails details;
        try {
            Optional<String> id = spotifyId(track.get());
            if (id.isEmpty()) {
                return finishThenAudience(state, force, Outcome.NOT_FOUND, track.get().isrc() == null
                        ? "no Spotify page and no ISRC to search by" : "Spotify has no track with ISRC " + track.get().isrc());
            }
            details = spotify.get().track(id.get());
        } catch (ApiException e) {
            return e.status() == 404 ? finishThenAudience(state, force, Outcome.NOT_FOUND, e.getMessage())
                    : finish(state, Outcome.FAILED, e.getMessage());
        }
        Instant now = clock.instant();
        EnrichmentProperties.Policy policy = properties.policy(state.genres());
        transaction.executeWithoutResult(status -> {
            repository.saveTrack(state.subject(), details, now);
            if (policy.artistMetadata()) {
                repository.plan(EnrichmentStep.ARTIST_METADATA, details.artists().stream().map(SpotifyTrackDetails.Artist::id)
                        .filter(id -> !id.isBlank()).distinct().map(id -> new Planned(id, Set.copyOf(state.genres()), now)).toList(), force, now);
            }
            if (policy.albumRatings()) {
                Album.of(details).ifPresent(album -> {
                    repository.saveAlbum(album);
                    repository.plan(EnrichmentStep.ALBUM_RATINGS, List.of(new Planned(album.key(), Set.copyOf(state.genres()), now)), force, now);
                });
            }
            planAudience(state, policy, force, now);
            finish(state, Outcome.ENRICHED, details.id(), now);
        });
        publishEnriched(EnrichmentStep.TRACK_METADATA, state.subject(), published);
        return new Result(Outcome.ENRICHED, details.id());
    }

    /** The TrackEnriched a step's result changes: its track's, or those of every track naming its artist. */
    private void publishEnriched(EnrichmentStep step, String subject, EventSender.Batch published) {
        switch (step) {
            case TRACK_METADATA -> repository.enrichedTrack(subject).ifPresent(enriched -> publisher.publish(enriched, published));
            case ARTIST_METADATA -> repository.enrichedTracks(repository.tracksOfArtist(subject))
                    .forEach(enriched -> publisher.publish(enriched, published));
            case ALBUM_RATINGS -> repository.enrichedTracks(repository.tracksOfAlbum(subject))
                    .forEach(enriched -> publisher.publish(enriched, published));
            case AUDIENCE -> {
                // its counts go out as ViewsCounted when they are taken
            }
        }
    }

    /** The Spotify id: from the key, from the Spotify page, else the first search hit for the ISRC. */
    private Optional<String> spotifyId(EnrichmentRepository.TrackFacts track) {
        Optional<String> fromKey = TrackKeys.spotifyId(track.trackKey());
        if (fromKey.isPresent()) {
            return fromKey;
        }
        if (track.spotifyUrl() != null) {
            Matcher page = SPOTIFY_TRACK_URL.matcher(track.spotifyUrl());
            if (page.find()) {
                return Optional.of(page.group(1));
            }
        }
        if (track.isrc() == null) {
            return Optional.empty();
        }
        List<SpotifyTrack> hits = spotify.orElseThrow().searchTracks("isrc:" + track.isrc());
        return hits.stream().filter(hit -> track.isrc().equals(hit.isrc())).findFirst().or(() -> hits.stream().findFirst())
                .map(SpotifyTrack::id);
    }

    private Result artistMetadata(State state, EventSender.Batch published) {
        if (spotify.isEmpty()) {
            return finish(state, Outcome.SKIPPED, SPOTIFY_NOT_CONFIGURED);
        }
        SpotifyArtist artist;
        try {
            artist = spotify.get().artist(state.subject());
        } catch (ApiException e) {
            return finish(state, e.status() == 404 ? Outcome.NOT_FOUND : Outcome.FAILED, e.getMessage());
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            repository.saveArtist(artist, now);
            finish(state, Outcome.ENRICHED, artist.name(), now);
        });
        // the tracks naming the artist now carry its genres
        publishEnriched(EnrichmentStep.ARTIST_METADATA, artist.id(), published);
        return new Result(Outcome.ENRICHED, artist.name());
    }

    private Result albumRatings(State state, EventSender.Batch published) {
        Optional<Album> album = repository.album(state.subject());
        if (album.isEmpty()) {
            return finish(state, Outcome.NOT_FOUND, "no album under this key");
        }
        Optional<AlbumRating> rating;
        try {
            rating = albumRatings.rating(album.get().artist(), album.get().title());
        } catch (ApiException e) {
            return finish(state, Outcome.FAILED, e.getMessage());
        }
        if (rating.isEmpty()) {
            return finish(state, Outcome.NOT_FOUND, "albumoftheyear.org lists no rated album " + album.get().title() + " by " + album.get().artist());
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            repository.saveAlbumRating(state.subject(), rating.get(), now);
            finish(state, Outcome.ENRICHED, rating.get().url(), now);
        });
        // every track of the album now carries its rating
        publishEnriched(EnrichmentStep.ALBUM_RATINGS, state.subject(), published);
        return new Result(Outcome.ENRICHED, rating.get().url());
    }

    private Result audience(State state) {
        EnrichmentProperties.Policy policy = properties.policy(state.genres());
        Optional<String> isrc = repository.track(state.subject()).map(EnrichmentRepository.TrackFacts::isrc);
        if (isrc.isEmpty()) {
            return finish(state, Outcome.NOT_FOUND, "no ISRC: audience figures are kept by ISRC");
        }
        Map<MusicService, ViewCountRun.Outcome> counted = viewCounts.count(isrc.get(), policy.audiencePlatforms());
        if (counted.isEmpty()) {
            return finish(state, Outcome.NOT_FOUND, "no page on " + policy.audiencePlatforms().stream().map(MusicService::slug).toList());
        }
        String detail = counted.entrySet().stream().map(e -> e.getKey().slug() + (e.getValue().counted() > 0 ? " counted" : " failed"))
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        return finish(state, counted.values().stream().anyMatch(o -> o.counted() > 0) ? Outcome.ENRICHED : Outcome.FAILED, detail);
    }

    /** The audience follows the metadata whatever it found: it needs only the track's pages. */
    private Result finishThenAudience(State state, boolean force, Outcome outcome, String detail) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            planAudience(state, properties.policy(state.genres()), force, now);
            finish(state, outcome, detail, now);
        });
        return new Result(outcome, detail);
    }

    private void planAudience(State state, EnrichmentProperties.Policy policy, boolean force, Instant now) {
        if (countsAudience(policy)) {
            repository.plan(EnrichmentStep.AUDIENCE, List.of(new Planned(state.subject(), Set.copyOf(state.genres()),
                    now.plus(policy.audienceDelay()))), force, now);
        }
    }

    private boolean countsAudience(EnrichmentProperties.Policy policy) {
        return policy.audiencePlatforms().stream().anyMatch(viewCounts::counts);
    }

    private Result finish(State state, Outcome outcome, String detail) {
        finish(state, outcome, detail, clock.instant());
        return new Result(outcome, detail);
    }

    /** A found or missing result stays until it is old, a failure is retried sooner. */
    private void finish(State state, Outcome outcome, String detail, Instant now) {
        repository.finish(state.subject(), state.step(), outcome, detail, now,
                now.plus(outcome.lasts() ? state.step().maxAge(properties) : properties.retryAfter()));
    }
}
