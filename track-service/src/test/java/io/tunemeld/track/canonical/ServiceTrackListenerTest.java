package io.tunemeld.track.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceInfrastructure;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.TrackApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * track-service alone on a real broker, registry and database: the services' sightings of a track become one
 * canonical track linking every service's page, and a sighting it can never process goes to the dead-letter
 * topic with the reason while the next is still folded in; a chart fetched again announces only what changed.
 */
@SpringBootTest(classes = TrackApplication.class, properties = {"spring.config.name=" + TrackApplication.NAME,
        "tunemeld.view-counts.schedule=-"})
class ServiceTrackListenerTest {

    private static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.get();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // written by the normalizer, which is not here
        INFRASTRUCTURE.createTopics(Topics.SERVICE_TRACKS);
        INFRASTRUCTURE.register(registry, "track");
    }

    @Test
    void twoServicesSightingsOfATrackBecomeOneCanonicalTrackWithBothPages() {
        String isrc = isrc();
        INFRASTRUCTURE.send(Topics.SERVICE_TRACKS, isrc, sighting(isrc, MusicService.SPOTIFY, "https://open.spotify.com/track/" + isrc));
        INFRASTRUCTURE.send(Topics.SERVICE_TRACKS, isrc, sighting(isrc, MusicService.APPLE_MUSIC,
                "https://music.apple.com/us/song/" + isrc));

        try (var consumer = INFRASTRUCTURE.consumer(Topics.TRACKS)) {
            TrackCanonicalized track = TopicRecords.first(consumer, Topics.TRACKS.name(),
                    record -> isrc.equals(record.key()) && record.value().getServices().size() == 2).value();
            assertThat(track.getServices()).containsExactlyInAnyOrder("spotify", "apple_music");
            assertThat(track.getSpotifyUrl()).isEqualTo("https://open.spotify.com/track/" + isrc);
            assertThat(track.getAppleMusicUrl()).isEqualTo("https://music.apple.com/us/song/" + isrc);
            assertThat(track.getIsrc()).isEqualTo(isrc);
        }
    }

    @Autowired
    private CanonicalTrackService tracks;

    /**
     * A later sighting that changes nothing announces nothing; the same sighting again (its batch
     * redelivered after a crash between the commit and the publish) announces its track as it is.
     */
    @Test
    void aTrackIsAnnouncedWhenItChangesAndWhenItsSightingComesAgain() {
        String isrc = isrc();
        String page = "https://open.spotify.com/track/" + isrc;
        ServiceTrackResolved sighting = sighting(isrc, MusicService.SPOTIFY, page);
        List<OutgoingEvent<?>> first = tracks.handle(sighting);
        assertThat(first).singleElement().satisfies(event -> assertThat(event.key()).isEqualTo(isrc));

        assertThat(tracks.handle(sighting)).as("the same sighting redelivered").singleElement()
                .satisfies(event -> assertThat(((TrackCanonicalized) event.event()).getEventId()).as("a duplicate downstream drops")
                        .isEqualTo(((TrackCanonicalized) first.get(0).event()).getEventId()));
        assertThat(tracks.handle(sighting(isrc, MusicService.SPOTIFY, page))).as("the chart fetched again, unchanged").isEmpty();
        assertThat(tracks.handle(sighting(isrc, MusicService.SOUNDCLOUD, "https://soundcloud.com/a/" + isrc)))
                .as("a sighting that changes the track").singleElement()
                .satisfies(event -> assertThat(((TrackCanonicalized) event.event()).getServices())
                        .containsExactlyInAnyOrder("spotify", "soundcloud"));
    }

    /** A provisional key's page sighted under its ISRC retires the provisional track, announced again with the sighting redelivered. */
    @Test
    void aReplacedTrackIsAnnouncedAgainWhenTheSightingThatReplacedItComesAgain() {
        String isrc = isrc();
        String provisional = "hash:" + isrc.toLowerCase();
        String page = "https://music.apple.com/us/song/" + isrc;
        ServiceTrackResolved fallback = sighting(isrc, MusicService.APPLE_MUSIC, page);
        fallback.setTrackKey(provisional);
        fallback.setIsrc(null);
        tracks.handle(fallback);
        ServiceTrackResolved rekeyed = sighting(isrc, MusicService.APPLE_MUSIC, page);

        assertThat(replacements(tracks.handle(rekeyed))).containsExactly(provisional);
        assertThat(replacements(tracks.handle(rekeyed))).as("redelivered").containsExactly(provisional);
        assertThat(replacements(tracks.handle(sighting(isrc, MusicService.APPLE_MUSIC, page)))).as("fetched again").isEmpty();
    }

    private static List<String> replacements(List<OutgoingEvent<?>> events) {
        return events.stream().filter(event -> ((TrackCanonicalized) event.event()).getReplacedBy() != null).map(OutgoingEvent::key).toList();
    }

    @Test
    void aSightingOfAnUnknownServiceIsDeadLetteredWithTheReasonAndTheNextIsFolded() {
        String isrc = isrc();
        ServiceTrackResolved unknown = sighting(isrc, MusicService.SPOTIFY, null);
        unknown.setService("napster");
        INFRASTRUCTURE.send(Topics.SERVICE_TRACKS, isrc, unknown);
        INFRASTRUCTURE.send(Topics.SERVICE_TRACKS, isrc, sighting(isrc, MusicService.SOUNDCLOUD, "https://soundcloud.com/a/" + isrc));

        try (var consumer = INFRASTRUCTURE.consumer(Topics.SERVICE_TRACKS)) {
            ConsumerRecord<String, ServiceTrackResolved> dead = TopicRecords.first(consumer, Topics.SERVICE_TRACKS.deadLetter().name(),
                    record -> record.value().getEventId().equals(unknown.getEventId()));
            assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("unknown service 'napster'");
        }
        try (var consumer = INFRASTRUCTURE.consumer(Topics.TRACKS)) {
            assertThat(TopicRecords.first(consumer, Topics.TRACKS.name(), record -> isrc.equals(record.key())).value().getServices())
                    .containsExactly("soundcloud");
        }
    }

    private static ServiceTrackResolved sighting(String isrc, MusicService service, String url) {
        Instant now = Instant.now();
        return ServiceTrackResolved.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setTrackKey(isrc)
                .setIsrc(isrc).setMatchMethod("PAYLOAD").setMatchConfidence(1.0).setGenre("pop").setService(service.slug())
                .setSnapshotId("snapshot-" + UUID.randomUUID()).setPosition(1).setTitle("Folded Song").setArtists(List.of("Fay Fold"))
                .setUrl(url).setResolvedAt(now).build();
    }

    private static String isrc() {
        return "QZ" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
