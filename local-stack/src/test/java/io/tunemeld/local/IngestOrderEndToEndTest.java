package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One ingest run of a directory holding an Apple Music playlist (no ISRCs) and a Spotify one (ISRCs) of
 * the same songs: the run publishes Spotify's first, so the Apple Music entries match the catalog it
 * taught on first sight. Asserted: the Apple Music playlist is announced once (one PlaylistSnapshotResolved,
 * where Apple Music first would announce it on fallback keys, then again re-keyed), every entry on the
 * Spotify song's ISRC by CATALOG, and each song sighted once per service (no re-keyed sighting sent later).
 */
class IngestOrderEndToEndTest {

    private static final String GENRE = "first-sight";

    @Test
    void theServiceWithIsrcsIsPublishedFirstSoTheOtherMatchesOnFirstSight() throws Exception {
        LocalStack stack = SharedStack.get();
        Path payloads = Files.createTempDirectory("first-sight");
        // "apple_music" sorts before "spotify": as listed, Apple Music would go first
        Files.createDirectories(payloads.resolve("apple_music"));
        Files.writeString(payloads.resolve("apple_music").resolve(GENRE + ".json"), """
                {"album_details": {
                  "0": {"name": "Lantern Bay", "artist": "Ola Brisk", "album": "Bay", "link": "https://music.apple.com/us/album/9101?i=9101"},
                  "1": {"name": "Tin Roof Rain", "artist": "Mara Vell &amp; Ode", "album": "Roof", "link": "https://music.apple.com/us/album/9102?i=9102"}}}""");
        Files.createDirectories(payloads.resolve("spotify"));
        Files.writeString(payloads.resolve("spotify").resolve(GENRE + ".json"), """
                [{"name": "Lantern Bay", "artists": ["Ola Brisk"], "artist": "Ola Brisk", "album_name": "Bay",
                  "song_id": "9Zfirstsight000000001", "url": "https://open.spotify.com/track/9Zfirstsight000000001",
                  "isrc": "QZFST2600001", "list_position": 1, "list_length": 2},
                 {"name": "Tin Roof Rain", "artists": ["Mara Vell", "Ode"], "artist": "Mara Vell", "album_name": "Roof",
                  "song_id": "9Zfirstsight000000002", "url": "https://open.spotify.com/track/9Zfirstsight000000002",
                  "isrc": "QZFST2600002", "list_position": 2, "list_length": 2}]""");

        StackClient client = StackClient.of(stack);
        client.ingest(payloads, "test");
        SharedStack.awaitCaughtUp();

        List<String> snapshotKeys = TopicRecords.keys(stack.kafkaBootstrapServers(), Topics.PLAYLIST_SNAPSHOTS);
        assertThat(snapshotKeys.stream().filter((GENRE + "/apple_music")::equals)).as("Apple Music announced once").hasSize(1);
        assertThat(snapshotKeys.stream().filter((GENRE + "/spotify")::equals)).hasSize(1);
        JsonNode playlist = client.graphql("""
                query($genre: String!) { playlist(genre: $genre, service: APPLE_MUSIC) { entries { position matchMethod track { key } } } }""",
                Map.of("genre", GENRE)).path("playlist");
        List<String> entries = new ArrayList<>();
        playlist.path("entries").forEach(e -> entries.add(e.path("position").asInt() + " " + e.path("matchMethod").asString() + " "
                + e.path("track").path("key").asString()));
        assertThat(entries).containsExactly("1 CATALOG QZFST2600001", "2 CATALOG QZFST2600002");
        assertThat(TopicRecords.keys(stack.kafkaBootstrapServers(), Topics.SERVICE_TRACKS).stream().filter(key -> key.startsWith("QZFST")))
                .as("each song sighted once per service, none re-keyed later").containsExactlyInAnyOrder(
                        "QZFST2600001", "QZFST2600001", "QZFST2600002", "QZFST2600002");
    }
}
