package io.tunemeld.track.enrichment;

import io.tunemeld.events.AlbumRating;
import io.tunemeld.events.EnrichedArtist;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.events.RunFailure;
import io.tunemeld.events.RunFinished;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class EnrichmentEvents {

    private final Clock clock;

    EnrichmentEvents(Clock clock) {
        this.clock = clock;
    }

    /** Keyed by subject, so one subject's requests stay in order. */
    OutgoingEvent<EnrichmentRequested> requested(EnrichmentSchedule.Due due, Instant at) {
        return new OutgoingEvent<>(Topics.ENRICHMENT_REQUESTS, due.subject(), EnrichmentRequested.newBuilder()
                .setEventId(EventIds.of(due.subject(), due.step().name(), at.toString()))
                .setOccurredAt(at)
                .setStep(due.step().name())
                .setSubject(due.subject())
                .setForceRefresh(due.force())
                .build());
    }

    /**
     * The steps attempted between two reports, as a run for the notifier: counted by outcome, each failure
     * with its reason; its id and run id derived from the window.
     */
    OutgoingEvent<RunFinished> report(Instant from, Instant to, List<EnrichmentSchedule.Attempt> attempts) {
        Map<String, Integer> outcomes = new TreeMap<>();
        attempts.forEach(attempt -> outcomes.merge(attempt.outcome().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
        String runId = UUID.nameUUIDFromBytes(("enrichment " + from + " " + to).getBytes(StandardCharsets.UTF_8)).toString();
        return new OutgoingEvent<>(Topics.TRACK_RUNS, runId, RunFinished.newBuilder()
                .setEventId(EventIds.of("enrichment-report", from.toString(), to.toString()))
                .setOccurredAt(to)
                .setRunId(runId)
                .setKind("enrichment")
                .setTrigger("schedule")
                .setStartedAt(from)
                .setOutcomes(outcomes)
                .setFailures(attempts.stream().filter(attempt -> attempt.outcome() == EnrichmentSchedule.Outcome.FAILED)
                        .map(attempt -> new RunFailure(attempt.step() + " of " + attempt.subject(),
                                attempt.detail() == null ? "no reason recorded" : attempt.detail()))
                        .toList())
                .build());
    }

    /** What is known of a track now, keyed by track. */
    OutgoingEvent<TrackEnriched> enriched(EnrichmentRepository.EnrichedTrack track) {
        Set<String> genres = new LinkedHashSet<>();
        track.artists().forEach(artist -> genres.addAll(artist.genres()));
        // the id covers the content only: the same knowledge published twice is one event to a reader
        return new OutgoingEvent<>(Topics.ENRICHMENTS, track.trackKey(), TrackEnriched.newBuilder()
                .setEventId(EventIds.of(track.toString()))
                .setOccurredAt(clock.instant())
                .setTrackKey(track.trackKey())
                .setSpotifyId(track.spotifyId())
                .setAlbum(track.album())
                .setReleaseDate(track.releaseDate())
                .setDurationMs(track.durationMs())
                .setPopularity(track.popularity())
                .setExplicit(track.explicit())
                .setGenres(genres.stream().toList())
                .setArtists(track.artists().stream().map(artist -> EnrichedArtist.newBuilder()
                        .setId(artist.id())
                        .setName(artist.name())
                        .setGenres(artist.genres())
                        .setPopularity(artist.popularity())
                        .setFollowers(artist.followers())
                        .setEnrichedAt(artist.fetchedAt())
                        .build()).toList())
                .setAlbumRating(track.albumRating() == null ? null : AlbumRating.newBuilder()
                        .setUrl(track.albumRating().rating().url())
                        .setCriticScore(track.albumRating().rating().criticScore())
                        .setCriticReviews(track.albumRating().rating().criticReviews())
                        .setUserScore(track.albumRating().rating().userScore())
                        .setUserRatings(track.albumRating().rating().userRatings())
                        .setGenres(track.albumRating().rating().genres())
                        .setRatedAt(track.albumRating().ratedAt())
                        .build())
                .build());
    }
}
