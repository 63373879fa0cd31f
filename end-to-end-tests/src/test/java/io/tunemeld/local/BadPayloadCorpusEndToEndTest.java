package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.ops.DeadLetters;
import io.tunemeld.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A corpus of bad payloads in one ingest run: each one ends with a clear reason, either in the run
 * (what could not be read or sent) or on the dead-letter topic (what could not be parsed), nothing is
 * lost, and the good playlist in the same run goes all the way through.
 */
class BadPayloadCorpusEndToEndTest {

    private static final String GOOD_ENTRY = """
            {"name": "Fine Song", "artists": ["Good Artist"], "isrc": "USAAA2699001", "list_position": %d}""";

    @TempDir
    Path dir;

    @Test
    void everyBadPayloadGetsItsReasonAndNoneStopsTheOthers() throws Exception {
        LocalStack stack = SharedStack.get();
        write("spotify/bad-truncated.json", "[{\"name\": \"Cut off\", \"list_posi");
        write("spotify/bad-types.json", "[{\"name\": 5, \"list_position\": \"first\"}, 7, null]");
        write("apple_music/bad-types.json", "{\"album_details\": \"nope\"}");
        write("spotify/bad-empty.json", "[]");
        write("soundcloud/bad-empty.json", "{\"tracks\": {\"items\": [], \"nextOffset\": null}}");
        // one entry with a 300,000-character title next to a good one
        write("spotify/bad-huge-string.json", "[" + GOOD_ENTRY.formatted(1) + ", {\"name\": \"" + "x".repeat(300_000)
                + "\", \"artists\": [\"B\"], \"list_position\": 2}]");
        Files.write(dir.resolve("apple_music/bad-encoding.json"), """
                {"album_details": {"0": {"name": "Café", "artist": "René", "album": "A", "link": "https://music.apple.com/x"}}}"""
                .getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder tenMegabytes = new StringBuilder("[");
        for (int i = 1; tenMegabytes.length() < 10 * 1024 * 1024; i++) {
            tenMegabytes.append(i == 1 ? "" : ",").append(GOOD_ENTRY.formatted(i).replace("Fine Song", "Song " + "y".repeat(2000) + i));
        }
        write("spotify/bad-ten-megabytes.json", tenMegabytes.append("]").toString());
        write("apple_music/bad-control.json", """
                {"album_details": {"0": {"name": "Still Here", "artist": "Survivor", "album": "A", "link": "https://music.apple.com/x"}}}""");

        JsonNode run = StackClient.of(stack).ingest(dir, "test");
        SharedStack.awaitCaughtUp();

        Map<String, String> outcomes = new HashMap<>();
        run.path("playlists").forEach(p -> outcomes.put(p.path("genre").asString() + "/" + p.path("service").asString(),
                p.path("status").asString() + " " + p.path("detail").asString("")));
        assertThat(outcomes).hasSize(9);
        assertThat(outcomes.get("bad-ten-megabytes/spotify"))
                .isEqualTo("FAILED larger than the 921,600 bytes a payload may have (tunemeld.ingest.max-payload-size)");
        assertThat(outcomes.get("bad-encoding/apple_music")).isEqualTo("FAILED not UTF-8 text: payload files must be UTF-8 JSON");
        assertThat(outcomes).allSatisfy((playlist, outcome) -> {
            if (!playlist.equals("bad-ten-megabytes/spotify") && !playlist.equals("bad-encoding/apple_music")) {
                assertThat(outcome).as(playlist).startsWith("PUBLISHED");
            }
        });

        Map<String, String> reasons = new HashMap<>();
        try (var deadLetters = new DeadLetters(stack.kafkaBootstrapServers())) {
            // the corpus's genres are its own: every dead letter keyed bad-... is from this run
            deadLetters.list(Topics.deadLetter(Topics.Names.RAW_PLAYLISTS)).stream().filter(l -> l.key().startsWith("bad-"))
                    .forEach(l -> reasons.put(l.key(), l.reason()));
        }
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get("bad-truncated/spotify")).contains("payload is not valid JSON");
        assertThat(reasons.get("bad-types/spotify")).contains("none of the playlist's 3 entries could be parsed");
        assertThat(reasons.get("bad-types/apple_music")).contains("payload is not a apple_music playlist shape (top level: OBJECT)");
        assertThat(reasons.get("bad-empty/spotify")).contains("the playlist has no entries");
        assertThat(reasons.get("bad-empty/soundcloud")).contains("the playlist has no entries");

        StackClient client = StackClient.of(stack);
        JsonNode huge = client.graphql("{ playlist(genre: \"bad-huge-string\", service: SPOTIFY) { length entries { position track { title } } } }",
                Map.of()).path("playlist");
        assertThat(huge.path("length").asInt()).isEqualTo(2);
        assertThat(huge.path("entries").size()).as("the absurd entry is skipped, the good one kept").isEqualTo(1);
        assertThat(huge.path("entries").get(0).path("track").path("title").asString()).isEqualTo("Fine Song");
        JsonNode control = client.graphql("{ playlist(genre: \"bad-control\", service: APPLE_MUSIC) { entries { track { title } } } }",
                Map.of()).path("playlist");
        assertThat(control.path("entries").get(0).path("track").path("title").asString()).isEqualTo("Still Here");

        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var rows = ingest.createStatement().executeQuery(
                    "select count(*) from ingest.raw_payloads where genre = 'bad-ten-megabytes'");
            rows.next();
            assertThat(rows.getInt(1)).as("a file larger than a payload may be is not even read").isZero();
        }
    }

    private void write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
