package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.events.SnapshotEntry;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
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

    /**
     * Two normalizer replicas may announce one snapshot's two resolutions in either order, and a page's
     * sightings under two keys travel on two partitions. Here the later resolution (the page under a second
     * ISRC) arrives first, the earlier one after it: every stage keeps the later.
     */
    @Test
    void aSnapshotsLaterResolutionPrevailsWhenItsEarlierOneArrivesAfterIt() throws Exception {
        LocalStack stack = SharedStack.get();
        String genre = "resolved-twice";
        String page = "https://music.apple.com/us/album/resolved-twice/1?i=1";
        Instant fetchedAt = Instant.parse("2026-11-30T09:00:00Z");
        Instant earlier = Instant.parse("2026-11-30T09:01:00.000001Z");
        Instant later = Instant.parse("2026-11-30T09:01:00.000002Z");
        String snapshotId = EventIds.of(genre, "apple_music", fetchedAt.toString());
        try (var producer = SharedStack.avroProducer()) {
            for (var resolution : List.of(Map.entry(later, "QZTST2600012"), Map.entry(earlier, "QZTST2600011"))) {
                String key = resolution.getValue();
                producer.send(new ProducerRecord<>(Topics.Names.SERVICE_TRACKS, key, ServiceTrackResolved.newBuilder()
                        .setEventId(EventIds.of(snapshotId, "1", key)).setOccurredAt(fetchedAt).setTrackKey(key).setIsrc(key)
                        .setMatchMethod("CATALOG").setMatchConfidence(1).setGenre(genre).setService("apple_music")
                        .setSnapshotId(snapshotId).setPosition(1).setTitle("Twice Resolved").setArtists(List.of("Ola Brandt"))
                        .setUrl(page).setResolvedAt(resolution.getKey()).build())).get();
                SnapshotEntry entry = SnapshotEntry.newBuilder().setPosition(1).setTrackKey(key).setIsrc(key).setMatchMethod("CATALOG")
                        .setMatchConfidence(1).setTitle("Twice Resolved").setArtists(List.of("Ola Brandt")).setUrl(page).build();
                producer.send(new ProducerRecord<>(Topics.Names.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.APPLE_MUSIC),
                        PlaylistSnapshotResolved.newBuilder().setEventId(EventIds.of(snapshotId, key)).setOccurredAt(fetchedAt)
                                .setSnapshotId(snapshotId).setGenre(genre).setService("apple_music").setFetchedAt(fetchedAt)
                                .setPlaylistLength(1).setSkippedEntries(0).setEntries(List.of(entry)).setResolvedAt(resolution.getKey())
                                .build())).get();
                // each resolution folded before the next arrives: the arrival order is the one stated
                SharedStack.awaitCaughtUp();
            }
        }
        List<String> inTrack;
        List<String> inAggregate;
        List<String> inCache;
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track");
                var aggregate = DriverManager.getConnection(stack.databaseUrl(), "aggregate", "aggregate");
                var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            inTrack = strings(track, "select track_key from track.service_tracks where url = ?", page);
            inAggregate = strings(aggregate, "select e->>'trackKey' from aggregate.latest_snapshots, jsonb_array_elements(entries) e "
                    + "where genre = ?", genre);
            inCache = strings(cache, "select e->>'trackKey' from cache.playlists, json_array_elements(body->'entries') e "
                    + "where genre = ?", genre);
        }
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(inTrack).as("the page's sightings in track-service").containsExactly("QZTST2600012");
            softly.assertThat(inAggregate).as("the snapshot in force in aggregate-service").containsExactly("QZTST2600012");
            softly.assertThat(inCache).as("the playlist in the read model").containsExactly("QZTST2600012");
        });
    }

    private static List<String> strings(Connection db, String sql, String parameter) throws Exception {
        try (var statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            var rows = statement.executeQuery();
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
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
