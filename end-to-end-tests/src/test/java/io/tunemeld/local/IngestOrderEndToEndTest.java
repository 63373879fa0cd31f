package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One ingest run of a directory holding playlists of the same songs on Apple Music (no ISRCs), SoundCloud
 * (an upload without publisher, so without ISRC) and Spotify (ISRCs), listed in that order. Asserted: the
 * run publishes Spotify's first, then SoundCloud's, then Apple Music's (the RawPlaylistFetched records'
 * times), so that when the normalizer takes playlists in about the order they come (at volume; a few at
 * once may be resolved side by side) the others' entries match the catalog Spotify taught on first sight
 * instead of being announced on fallback keys and re-keyed: the benchmark's 999 playlists made 2,235
 * snapshot writes in directory order, 1,018 in this one. Whatever the order, the result is the same: both
 * playlists end on the Spotify songs' ISRCs by CATALOG.
 */
class IngestOrderEndToEndTest {

    private static final String GENRE = "first-sight";

    @Test
    void theServicesWithMostIsrcsArePublishedFirst() throws Exception {
        LocalStack stack = SharedStack.get();
        Path payloads = Files.createTempDirectory("first-sight");
        // "apple_music" and "soundcloud" sort before "spotify": as listed, they would go first
        Files.createDirectories(payloads.resolve("apple_music"));
        Files.writeString(payloads.resolve("apple_music").resolve(GENRE + ".json"), """
                {"album_details": {
                  "0": {"name": "Lantern Bay", "artist": "Ola Brisk", "album": "Bay", "link": "https://music.apple.com/us/album/9101?i=9101"},
                  "1": {"name": "Tin Roof Rain", "artist": "Mara Vell &amp; Ode", "album": "Roof", "link": "https://music.apple.com/us/album/9102?i=9102"}}}""");
        Files.createDirectories(payloads.resolve("soundcloud"));
        Files.writeString(payloads.resolve("soundcloud").resolve(GENRE + ".json"), """
                {"tracks": {"items": [
                  {"id": 9103, "title": "Ola Brisk - Lantern Bay", "permalink": "https://soundcloud.com/bay-channel/lantern-bay",
                   "publisher": null, "user": {"name": "Bay Channel"}}]}}""");
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

        Map<String, Long> published = new HashMap<>();
        TopicRecords.all(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS).stream()
                .filter(record -> record.key().startsWith(GENRE + "/"))
                .forEach(record -> published.put(record.key().substring(GENRE.length() + 1), record.timestamp()));
        assertThat(published).containsOnlyKeys("spotify", "soundcloud", "apple_music");
        assertThat(published.get("spotify")).isLessThan(published.get("soundcloud"));
        assertThat(published.get("soundcloud")).isLessThan(published.get("apple_music"));
        assertThat(entries(client, "APPLE_MUSIC")).containsExactly("1 CATALOG QZFST2600001", "2 CATALOG QZFST2600002");
        assertThat(entries(client, "SOUNDCLOUD")).containsExactly("1 CATALOG QZFST2600001");
    }

    private static List<String> entries(StackClient client, String service) throws Exception {
        JsonNode playlist = client.graphql("""
                query($genre: String!, $service: Service!) { playlist(genre: $genre, service: $service) {
                  entries { position matchMethod track { key } } } }""", Map.of("genre", GENRE, "service", service)).path("playlist");
        List<String> entries = new ArrayList<>();
        playlist.path("entries").forEach(e -> entries.add(e.path("position").asInt() + " " + e.path("matchMethod").asString() + " "
                + e.path("track").path("key").asString()));
        return entries;
    }
}
