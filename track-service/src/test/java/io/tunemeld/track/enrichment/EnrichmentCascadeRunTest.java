package io.tunemeld.track.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.track.views.ViewCountRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ./tunemeld enrich} says why tracks seen before were not scheduled, instead of only "0 newly scheduled". */
class EnrichmentCascadeRunTest {

    private final EnrichmentRepository repository = mock(EnrichmentRepository.class);

    @Test
    void withoutSpotifyTheRunSchedulesNothingAndSaysSpotifyIsNotConfigured() {
        EnrichmentCascade.Run run = cascade(Optional.empty(), true).run(Optional.empty(), false);

        assertThat(run.scheduled()).isZero();
        assertThat(run.notes()).singleElement().asString().startsWith("Spotify is not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)");
        verify(repository, never()).planUnscheduledTracks(any());
    }

    @Test
    void withTrackMetadataOffByDefaultTheRunSaysSo() {
        EnrichmentCascade.Run run = cascade(Optional.of(mock(SpotifyClient.class)), false).run(Optional.empty(), false);

        assertThat(run.notes()).singleElement().asString().contains("ENRICHMENT_TRACK_METADATA=false");
        verify(repository, never()).planUnscheduledTracks(any());
    }

    @Test
    void withSpotifyAndTrackMetadataOnTracksSeenBeforeAreScheduledWithoutANote() {
        when(repository.planUnscheduledTracks(any())).thenReturn(3);

        EnrichmentCascade.Run run = cascade(Optional.of(mock(SpotifyClient.class)), true).run(Optional.empty(), false);

        assertThat(run.scheduled()).isEqualTo(3);
        assertThat(run.notes()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private EnrichmentCascade cascade(Optional<SpotifyClient> spotify, boolean trackMetadata) {
        var defaults = new EnrichmentProperties.Settings(trackMetadata, true, true, List.of("youtube"), Duration.ZERO, Duration.ofHours(1));
        var properties = new EnrichmentProperties(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(15),
                100, defaults, Map.of());
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenAnswer(call -> call.getArgument(0, TransactionCallback.class).doInTransaction(null));
        EventSender sender = mock(EventSender.class);
        when(sender.batch()).thenReturn(mock(EventSender.Batch.class));
        return new EnrichmentCascade(properties, repository, spotify, mock(ViewCountRun.class), mock(EnrichmentPublisher.class),
                transaction, sender, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), new SimpleMeterRegistry());
    }
}
