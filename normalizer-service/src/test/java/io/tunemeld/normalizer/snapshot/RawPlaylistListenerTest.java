package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceInfrastructure;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The normalizer alone on a real broker, registry and database: a fetched playlist becomes its resolved snapshot
 * and one resolved track per entry, and a payload it cannot parse goes to the dead-letter topic with the reason
 * while the next one is still resolved.
 */
@SpringBootTest(classes = NormalizerApplication.class, properties = "spring.config.name=" + NormalizerApplication.NAME)
class RawPlaylistListenerTest {

    private static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.get();
    /** A real Spotify payload of the bundled samples (ten tracks, each with its ISRC). */
    private static final Path SAMPLE = Path.of("..", "samples", "spotify", "dance.json");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // written by ingest-service, which is not here
        INFRASTRUCTURE.createTopics(Topics.RAW_PLAYLISTS);
        INFRASTRUCTURE.register(registry, "normalizer");
    }

    @Test
    void aFetchedPlaylistBecomesItsSnapshotAndATrackPerEntry() throws IOException {
        String genre = "genre-" + UUID.randomUUID();
        RawPlaylistFetched fetched = fetched(genre, Files.readString(SAMPLE));
        INFRASTRUCTURE.send(Topics.RAW_PLAYLISTS, Topics.playlistKey(genre, MusicService.SPOTIFY), fetched);

        PlaylistSnapshotResolved snapshot = snapshotOf(genre);
        assertThat(snapshot.getSnapshotId()).isEqualTo(fetched.getEventId());
        assertThat(snapshot.getRunId()).as("the run whose edition of the genre it belongs to").isEqualTo(fetched.getRunId());
        assertThat(snapshot.getEntries()).hasSize(10).allSatisfy(entry -> {
            assertThat(entry.getMatchMethod()).isEqualTo("PAYLOAD");
            assertThat(entry.getTrackKey()).isEqualTo(entry.getIsrc());
        });
        String firstKey = snapshot.getEntries().get(0).getTrackKey();
        try (var consumer = INFRASTRUCTURE.consumer(Topics.SERVICE_TRACKS)) {
            ServiceTrackResolved track = TopicRecords.first(consumer, Topics.SERVICE_TRACKS.name(),
                    record -> record.value().getSnapshotId().equals(fetched.getEventId()) && record.value().getPosition() == 1).value();
            assertThat(track.getTrackKey()).as("keyed as the snapshot's entry").isEqualTo(firstKey);
            assertThat(track.getGenre()).isEqualTo(genre);
        }
    }

    @Test
    void anUnparseablePayloadIsDeadLetteredWithTheReasonAndTheNextIsResolved() throws IOException {
        String genre = "genre-" + UUID.randomUUID();
        RawPlaylistFetched broken = fetched(genre, "[{\"name\": \"Cut off");
        INFRASTRUCTURE.send(Topics.RAW_PLAYLISTS, Topics.playlistKey(genre, MusicService.SPOTIFY), broken);
        INFRASTRUCTURE.send(Topics.RAW_PLAYLISTS, Topics.playlistKey(genre, MusicService.SPOTIFY), fetched(genre, Files.readString(SAMPLE)));

        try (var consumer = INFRASTRUCTURE.consumer(Topics.RAW_PLAYLISTS)) {
            ConsumerRecord<String, RawPlaylistFetched> dead = TopicRecords.first(consumer, Topics.RAW_PLAYLISTS.deadLetter().name(),
                    record -> record.value().getEventId().equals(broken.getEventId()));
            assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("payload is not valid JSON");
            assertThat(dead.value().getPayload()).as("nothing lost").isEqualTo(broken.getPayload());
        }
        assertThat(snapshotOf(genre).getEntries()).hasSize(10);
    }

    private static PlaylistSnapshotResolved snapshotOf(String genre) {
        try (var consumer = INFRASTRUCTURE.consumer(Topics.PLAYLIST_SNAPSHOTS)) {
            return TopicRecords.first(consumer, Topics.PLAYLIST_SNAPSHOTS.name(), record -> record.value().getGenre().equals(genre)).value();
        }
    }

    private static RawPlaylistFetched fetched(String genre, String payload) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return RawPlaylistFetched.newBuilder().setEventId(id).setOccurredAt(now).setRunId(UUID.randomUUID().toString())
                .setGenre(genre).setService(MusicService.SPOTIFY.slug()).setSource("test").setSourceRef(SAMPLE.toString())
                .setContentHash(id).setFetchedAt(now).setPayload(payload).build();
    }
}
