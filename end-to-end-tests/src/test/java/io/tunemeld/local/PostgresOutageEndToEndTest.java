package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away for longer than a record's retries last: the normalizer keeps retrying the record
 * (its lag shows it), does not dead-letter or skip it, and finishes it once the database is back.
 */
class PostgresOutageEndToEndTest {

    private static final String GENRE = "outage-check";

    @Test
    void aRecordArrivingWhileTheDatabaseIsAwayIsProcessedWhenItReturns() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.awaitCaughtUp();
        String payload = """
                {"album_details": {"0": {"name": "Outlasted", "artist": "Patience", "album": "A", "link": "https://music.apple.com/o"}}}""";
        var event = RawPlaylistFetched.newBuilder().setEventId(EventIds.of(GENRE, "apple_music", EventIds.sha256(payload)))
                .setOccurredAt(Instant.now()).setRunId(UUID.randomUUID().toString()).setGenre(GENRE).setService("apple_music")
                .setSource("test").setSourceRef("outage").setContentHash(EventIds.sha256(payload)).setFetchedAt(Instant.now())
                .setPayload(payload).build();
        SharedStack.stop(SharedStack.Server.POSTGRES);
        try (var producer = SharedStack.avroProducer()) {
            producer.send(new ProducerRecord<>(Topics.Names.RAW_PLAYLISTS, Topics.playlistKey(GENRE, MusicService.APPLE_MUSIC), event)).get();
            SharedStack.assertOneRecordWaits(NormalizerApplication.NAME);
        } finally {
            SharedStack.start(SharedStack.Server.POSTGRES);
        }
        SharedStack.assertNoDeadLetter(Topics.Names.RAW_PLAYLISTS, key -> key.startsWith(GENRE + "/"));
        var playlist = StackClient.of(stack).graphql(
                "{ playlist(genre: \"" + GENRE + "\", service: APPLE_MUSIC) { entries { track { title } } } }", Map.of());
        assertThat(playlist.path("playlist").path("entries").get(0).path("track").path("title").asString()).isEqualTo("Outlasted");
    }
}
