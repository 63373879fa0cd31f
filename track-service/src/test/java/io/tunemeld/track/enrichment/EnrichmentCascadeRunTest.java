package io.tunemeld.track.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.track.albums.AlbumOfTheYearClient;
import io.tunemeld.track.albums.AlbumRating;
import io.tunemeld.track.views.ViewCountRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./tunemeld enrich} says why tracks seen before were not scheduled, instead of only "0 newly
 * scheduled"; a request for a step already done publishes its events again, so that a retry after a failed
 * publish loses nothing.
 */
class EnrichmentCascadeRunTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final EnrichmentSchedule schedule = mock(EnrichmentSchedule.class);
    private final EnrichmentRepository repository = mock(EnrichmentRepository.class);
    private final EnrichmentEvents events = new EnrichmentEvents(Clock.fixed(NOW, ZoneOffset.UTC));
    private final AlbumOfTheYearClient albums = mock(AlbumOfTheYearClient.class);

    @Test
    void withoutSpotifyTheRunSchedulesNothingAndSaysSpotifyIsNotConfigured() {
        EnrichmentCascade.Run run = cascade(Optional.empty(), true).run(Optional.empty(), false);

        assertThat(run.scheduled()).isZero();
        assertThat(run.notes()).singleElement().asString().startsWith("Spotify is not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)");
        verify(schedule, never()).planUnscheduledTracks(any());
    }

    @Test
    void withTrackMetadataOffByDefaultTheRunSaysSo() {
        EnrichmentCascade.Run run = cascade(Optional.of(mock(SpotifyClient.class)), false).run(Optional.empty(), false);

        assertThat(run.notes()).singleElement().asString().contains("ENRICHMENT_TRACK_METADATA=false");
        verify(schedule, never()).planUnscheduledTracks(any());
    }

    @Test
    void withSpotifyAndTrackMetadataOnTracksSeenBeforeAreScheduledWithoutANote() {
        when(schedule.planUnscheduledTracks(any())).thenReturn(3);

        EnrichmentCascade.Run run = cascade(Optional.of(mock(SpotifyClient.class)), true).run(Optional.empty(), false);

        assertThat(run.scheduled()).isEqualTo(3);
        assertThat(run.notes()).isEmpty();
    }

    @Test
    void aRetriedRequestForATrackAlreadyEnrichedPublishesItsTrackEnrichedAgainWithoutCallingSpotify() {
        SpotifyClient spotify = mock(SpotifyClient.class);
        var enriched = new EnrichmentRepository.EnrichedTrack("USRC12600001", "4uLU6hMCjMI75M1A2tKUQC", "Album", "2026-01-02", 200_000L,
                80, false, List.of(), null);
        when(schedule.state("USRC12600001", EnrichmentStep.TRACK_METADATA)).thenReturn(Optional.of(
                new EnrichmentSchedule.State("USRC12600001", EnrichmentStep.TRACK_METADATA, List.of("pop"), NOW.plus(Duration.ofDays(30)), false)));
        when(repository.enrichedTrack("USRC12600001")).thenReturn(Optional.of(enriched));

        var published = cascade(Optional.of(spotify), true).handle(request("USRC12600001", EnrichmentStep.TRACK_METADATA));

        assertThat(published).containsExactly(events.enriched(enriched));
        verify(spotify, never()).track(any());
    }

    @Test
    void aRetriedRequestForAnArtistAlreadyFetchedPublishesEveryTrackNamingItAgain() {
        var one = new EnrichmentRepository.EnrichedTrack("A", "1", null, null, null, null, null, List.of(), null);
        var two = new EnrichmentRepository.EnrichedTrack("B", "2", null, null, null, null, null, List.of(), null);
        when(schedule.state("artist-1", EnrichmentStep.ARTIST_METADATA)).thenReturn(Optional.of(
                new EnrichmentSchedule.State("artist-1", EnrichmentStep.ARTIST_METADATA, List.of("pop"), NOW.plus(Duration.ofDays(30)), false)));
        when(repository.tracksOfArtist("artist-1")).thenReturn(List.of("A", "B"));
        when(repository.enrichedTracks(List.of("A", "B"))).thenReturn(List.of(one, two));

        var published = cascade(Optional.of(mock(SpotifyClient.class)), true).handle(request("artist-1", EnrichmentStep.ARTIST_METADATA));

        assertThat(published).containsExactly(events.enriched(one), events.enriched(two));
    }

    @Test
    void aRatedAlbumIsStoredAndEveryTrackOfItPublishedAgain() {
        String key = "album:lorde / melodrama";
        var rating = new AlbumRating("https://www.albumoftheyear.org/album/73311-lorde-melodrama.php", 87.5, 41, 84.3, 12504, List.of("Art Pop"));
        var one = new EnrichmentRepository.EnrichedTrack("A", "1", "Melodrama", null, null, null, null, List.of(),
                new EnrichmentRepository.EnrichedTrack.RatedAlbum(rating, NOW));
        when(schedule.state(key, EnrichmentStep.ALBUM_RATINGS)).thenReturn(Optional.of(
                new EnrichmentSchedule.State(key, EnrichmentStep.ALBUM_RATINGS, List.of("pop"), NOW, false)));
        when(repository.album(key)).thenReturn(Optional.of(new Album(key, "Lorde", "Melodrama")));
        when(albums.rating("Lorde", "Melodrama")).thenReturn(Optional.of(rating));
        when(repository.tracksOfAlbum(key)).thenReturn(List.of("A"));
        when(repository.enrichedTracks(List.of("A"))).thenReturn(List.of(one));

        var published = cascade(Optional.of(mock(SpotifyClient.class)), true).handle(request(key, EnrichmentStep.ALBUM_RATINGS));

        verify(repository).saveAlbumRating(key, rating, NOW);
        verify(schedule).finish(key, EnrichmentStep.ALBUM_RATINGS, EnrichmentSchedule.Outcome.ENRICHED, rating.url(), NOW,
                NOW.plus(Duration.ofDays(30)));
        assertThat(published).containsExactly(events.enriched(one));
    }

    @Test
    void theSiteAwayIsAFailedStepTriedAgainLaterWithNothingPublished() {
        String key = "album:lorde / melodrama";
        when(schedule.state(key, EnrichmentStep.ALBUM_RATINGS)).thenReturn(Optional.of(
                new EnrichmentSchedule.State(key, EnrichmentStep.ALBUM_RATINGS, List.of("pop"), NOW, false)));
        when(repository.album(key)).thenReturn(Optional.of(new Album(key, "Lorde", "Melodrama")));
        when(albums.rating("Lorde", "Melodrama")).thenThrow(new ApiException("albumoftheyear.org search answered 503", true, 503));

        var published = cascade(Optional.of(mock(SpotifyClient.class)), true).handle(request(key, EnrichmentStep.ALBUM_RATINGS));

        verify(schedule).finish(key, EnrichmentStep.ALBUM_RATINGS, EnrichmentSchedule.Outcome.FAILED,
                "albumoftheyear.org search answered 503", NOW, NOW.plus(Duration.ofHours(1)));
        verify(repository, never()).saveAlbumRating(any(), any(), any());
        assertThat(published).isEmpty();
    }

    private static EnrichmentRequested request(String subject, EnrichmentStep step) {
        return EnrichmentRequested.newBuilder().setEventId("e").setOccurredAt(NOW).setSubject(subject).setStep(step.name()).build();
    }

    @SuppressWarnings("unchecked")
    private EnrichmentCascade cascade(Optional<SpotifyClient> spotify, boolean trackMetadata) {
        var defaults = new EnrichmentProperties.Settings(trackMetadata, true, true, List.of("youtube"), Duration.ZERO, Duration.ofHours(1), false);
        var properties = new EnrichmentProperties(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(15),
                100, defaults, Map.of());
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenAnswer(call -> call.getArgument(0, TransactionCallback.class).doInTransaction(null));
        doAnswer(call -> {
            call.getArgument(0, Consumer.class).accept(null);
            return null;
        }).when(transaction).executeWithoutResult(any());
        EventSender sender = mock(EventSender.class);
        return new EnrichmentCascade(properties, schedule, repository, spotify, albums, mock(ViewCountRun.class), events,
                transaction, sender, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
    }
}
