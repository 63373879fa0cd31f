package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.SnapshotEntry;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chart statistics through the real aggregate-service: snapshots published to its input topic one at a time,
 * so that an edition's first snapshot is ranked on its own before the edition's second arrives.
 */
class ChartStatisticsEndToEndTest {

    private static final String GENRE = "chart-days";
    private static final String QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { computedAt entries {
              rank previousRank peakRank daysOnList movement track { key } } } }""";

    private static StackClient client;

    @BeforeAll
    static void stack() {
        client = StackClient.of(SharedStack.get());
    }

    @Test
    void aPartialRankingOfTheDayIsNeverATracksPreviousOrPeakRank() throws Exception {
        // day one: A, B, C on both services
        publish(MusicService.SPOTIFY, "2026-01-01T10:00:00Z", "A", "B", "C");
        publish(MusicService.SOUNDCLOUD, "2026-01-01T10:05:00Z", "A", "B", "C");
        assertThat(ranks()).containsExactly(tuple(1, "A", null, 1, 1, "NEW"), tuple(2, "B", null, 2, 1, "NEW"), tuple(3, "C", null, 3, 1, "NEW"));

        // day two: Spotify's reversed chart is ranked against SoundCloud's of day one (A, C, B by tie-breaks)...
        publish(MusicService.SPOTIFY, "2026-01-02T10:00:00Z", "C", "B", "A");
        assertThat(ranks()).extracting(row -> row.toList().get(0), row -> row.toList().get(1))
                .containsExactly(tuple(1, "A"), tuple(2, "C"), tuple(3, "B"));

        // ...then SoundCloud's arrives: the day's chart moves against day one's, not against that partial ranking
        publish(MusicService.SOUNDCLOUD, "2026-01-02T10:05:00Z", "C", "B", "A");
        assertThat(ranks()).containsExactly(tuple(1, "C", 3, 1, 2, "UP"), tuple(2, "B", 2, 2, 2, "SAME"), tuple(3, "A", 1, 1, 2, "DOWN"));
    }

    /** Each publish is awaited, so each snapshot is ranked in a batch of its own. */
    private static void publish(MusicService service, String fetchedAt, String... tracks) throws Exception {
        List<SnapshotEntry> entries = new ArrayList<>();
        for (String track : tracks) {
            entries.add(SnapshotEntry.newBuilder().setPosition(entries.size() + 1).setTrackKey(key(track)).setIsrc(key(track))
                    .setMatchMethod("PAYLOAD").setMatchConfidence(1.0).setTitle("Song " + track).setArtists(List.of("Artist " + track))
                    .build());
        }
        String snapshotId = EventIds.of(GENRE, service.slug(), fetchedAt);
        PlaylistSnapshotResolved snapshot = PlaylistSnapshotResolved.newBuilder().setEventId(snapshotId)
                .setOccurredAt(Instant.parse(fetchedAt)).setSnapshotId(snapshotId).setGenre(GENRE).setService(service.slug())
                .setFetchedAt(Instant.parse(fetchedAt)).setPlaylistLength(tracks.length).setSkippedEntries(0).setEntries(entries).build();
        try (var producer = SharedStack.avroProducer()) {
            producer.send(new ProducerRecord<>(Topics.Names.PLAYLIST_SNAPSHOTS, Topics.playlistKey(GENRE, service), snapshot)).get();
        }
        SharedStack.awaitCaughtUp();
    }

    private static String key(String track) {
        return "QZCS1260000" + track;
    }

    /** Per entry: rank, the track (A, B or C), previous rank, peak rank, days on the list, movement. */
    private static List<Tuple> ranks() throws Exception {
        JsonNode entries = client.graphql(QUERY, Map.of("genre", GENRE)).path("aggregatePlaylist").path("entries");
        List<Tuple> rows = new ArrayList<>();
        for (JsonNode entry : entries) {
            String key = entry.path("track").path("key").asString();
            rows.add(tuple(entry.path("rank").asInt(), key.substring(key.length() - 1), entry.path("previousRank").isNull() ? null : entry.path("previousRank").asInt(),
                    entry.path("peakRank").asInt(), entry.path("daysOnList").asInt(), entry.path("movement").asString()));
        }
        return rows;
    }
}
