package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.normalizer.payload.ParsedEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A crash can leave the normalizer's catalog knowing songs (the committed work of the playlist that
 * carried them) while a snapshot waiting for those songs was never resolved again and announced. That
 * state is made here directly: an Apple Music playlist (no ISRCs) is ingested, the catalog is given its
 * songs as the crashed work would have left them, then the Spotify playlist that carries them arrives (as
 * it does again after the crash). The waiting snapshot must be resolved again although nothing is new to
 * the catalog, and the two services must agree in the aggregate.
 */
class ResolveAgainEndToEndTest {

    private static final String GENRE = "recovery";

    @Test
    void aSnapshotWaitingForSongsTheCatalogAlreadyKnowsIsResolvedWhenTheirPlaylistComesAgain() throws Exception {
        LocalStack stack = SharedStack.get();
        StackClient client = StackClient.of(stack);
        Path apple = Files.createTempDirectory("recovery-apple");
        Files.createDirectories(apple.resolve("apple_music"));
        Files.writeString(apple.resolve("apple_music").resolve(GENRE + ".json"), """
                {"album_details": {
                  "0": {"name": "Harbour Lights", "artist": "Nadia Quell", "album": "Harbour", "link": "https://music.apple.com/us/album/9001?i=9001"},
                  "1": {"name": "Copper Sky (feat. Ivo Lind)", "artist": "Rena Falk", "album": "Copper", "link": "https://music.apple.com/us/album/9002?i=9002"}}}""");
        client.ingest(apple, "test");
        SharedStack.awaitCaughtUp();
        assertThat(aggregate(client)).as("one service: nothing to agree on yet").isEmpty();

        // the catalog as the crashed playlist's committed transaction left it
        TrackResolver resolver = new TrackResolver(0.7, TrackSearch.NONE);
        List<CatalogEntry> known = List.of(
                resolver.catalogEntry(entry("Harbour Lights", List.of("Nadia Quell")), "QZTST2600001"),
                resolver.catalogEntry(entry("Copper Sky", List.of("Rena Falk", "Ivo Lind")), "QZTST2600002"));
        try (var normalizer = DriverManager.getConnection(stack.databaseUrl(), "normalizer", "normalizer");
                var insert = normalizer.prepareStatement("insert into normalizer.catalog (title_key, artists_key, isrc) values (?, ?, ?)")) {
            for (CatalogEntry entry : known) {
                insert.setString(1, entry.titleKey());
                insert.setString(2, String.join("|", entry.artists()));
                insert.setString(3, entry.isrc());
                insert.executeUpdate();
            }
        }

        Path spotify = Files.createTempDirectory("recovery-spotify");
        Files.createDirectories(spotify.resolve("spotify"));
        Files.writeString(spotify.resolve("spotify").resolve(GENRE + ".json"), """
                [{"name": "Harbour Lights", "artists": ["Nadia Quell"], "artist": "Nadia Quell", "album_name": "Harbour",
                  "song_id": "9Zrecovery00000000001", "url": "https://open.spotify.com/track/9Zrecovery00000000001",
                  "isrc": "QZTST2600001", "list_position": 1, "list_length": 2},
                 {"name": "Copper Sky", "artists": ["Rena Falk", "Ivo Lind"], "artist": "Rena Falk", "album_name": "Copper",
                  "song_id": "9Zrecovery00000000002", "url": "https://open.spotify.com/track/9Zrecovery00000000002",
                  "isrc": "QZTST2600002", "list_position": 2, "list_length": 2}]""");
        client.ingest(spotify, "test");
        SharedStack.awaitCaughtUp();

        // Harbour Lights: Spotify 1/2, Apple Music 1/2 = 1 + 1 + 20; Copper Sky: 2/2, 2/2 = 0 + 0 + 20
        assertThat(aggregate(client)).containsExactly("QZTST2600001 22.0 APPLE_MUSIC:CATALOG SPOTIFY:PAYLOAD",
                "QZTST2600002 20.0 APPLE_MUSIC:CATALOG SPOTIFY:PAYLOAD");
    }

    private static ParsedEntry entry(String title, List<String> artists) {
        return new ParsedEntry(1, title, artists, null, null, null, null, null, null);
    }

    private static List<String> aggregate(StackClient client) throws Exception {
        JsonNode aggregate = client.graphql("""
                query($genre: String!) { aggregatePlaylist(genre: $genre) { entries {
                  score track { key } positions { service matchMethod } } } }""", Map.of("genre", GENRE)).path("aggregatePlaylist");
        List<String> rows = new ArrayList<>();
        for (JsonNode entry : aggregate.path("entries")) {
            List<String> positions = new ArrayList<>();
            entry.path("positions").forEach(p -> positions.add(p.path("service").asString() + ":" + p.path("matchMethod").asString()));
            positions.sort(String::compareTo);
            rows.add(entry.path("track").path("key").asString() + " " + entry.path("score").asDouble() + " " + String.join(" ", positions));
        }
        return rows;
    }
}
