package io.tunemeld.track.enrichment;

import io.tunemeld.events.AlbumRating;
import io.tunemeld.events.EnrichedArtist;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
class EnrichmentPublisher {

    private final Clock clock;

    EnrichmentPublisher(Clock clock) {
        this.clock = clock;
    }

    /** Keyed by subject, so one subject's requests stay in order. */
    void request(EnrichmentRepository.Due due, Instant at, EventSender.Batch published) {
        published.add(Topics.ENRICHMENT_REQUESTS, due.subject(), EnrichmentRequested.newBuilder()
                .setEventId(EventIds.of(due.subject(), due.step().name(), at.toString()))
                .setOccurredAt(at)
                .setStep(due.step().name())
                .setSubject(due.subject())
                .setForceRefresh(due.force())
                .build());
    }

    void publish(EnrichmentRepository.EnrichedTrack track, EventSender.Batch published) {
        Set<String> genres = new LinkedHashSet<>();
        track.artists().forEach(artist -> genres.addAll(artist.genres()));
        // the id covers the content only: the same knowledge published twice is one event to a reader
        published.add(Topics.ENRICHMENTS, track.trackKey(), TrackEnriched.newBuilder()
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
