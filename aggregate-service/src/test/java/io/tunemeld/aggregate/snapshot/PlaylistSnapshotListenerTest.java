package io.tunemeld.aggregate.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tunemeld.aggregate.AggregateApplication;
import io.tunemeld.embedded.ServiceInfrastructure;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.AggregateEntry;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.RunFinished;
import io.tunemeld.events.SnapshotEntry;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * aggregate-service alone on a real broker, registry and database: the snapshots it reads become the genre's
 * aggregate it publishes, once per ingest run's edition, and a snapshot it can never process goes to the
 * dead-letter topic with the reason while the next one is still ranked.
 */
@SpringBootTest(classes = AggregateApplication.class, properties = {"spring.config.name=" + AggregateApplication.NAME,
        "tunemeld.aggregate.edition-timeout=3s", "tunemeld.aggregate.edition-sweep-interval=500ms"})
class PlaylistSnapshotListenerTest {

    private static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.get();
    private static final Instant FETCHED = Instant.parse("2026-11-30T06:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // written by the normalizer, which is not here
        INFRASTRUCTURE.createTopics(Topics.PLAYLIST_SNAPSHOTS, Topics.INGEST_RUNS);
        INFRASTRUCTURE.register(registry, "aggregate");
    }

    @Test
    void theSnapshotsOfAGenreBecomeItsAggregateOfTheTracksTheyShare() {
        String genre = "genre-" + UUID.randomUUID();
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SPOTIFY),
                snapshot(genre, MusicService.SPOTIFY, "QZSHR2600001", "QZONE2600001", "QZSHR2600002"));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.APPLE_MUSIC),
                snapshot(genre, MusicService.APPLE_MUSIC, "QZSHR2600002", "QZSHR2600001", "QZTWO2600001"));

        AggregateComputed aggregate = aggregateOf(genre);
        assertThat(aggregate.getEntries()).extracting(AggregateEntry::getRank, AggregateEntry::getTrackKey)
                .as("shared by both, the better placed first").containsExactly(
                        tuple(1, "QZSHR2600001"), tuple(2, "QZSHR2600002"));
        assertThat(aggregate.getComputedAt()).isEqualTo(FETCHED);
    }

    /** Today one service's snapshot alone would make an empty aggregate, two services' the shared track. */
    @Test
    void anIngestRunsSnapshotsOfAGenreAreRankedOnceWhenTheRunsResultNamedThemAllAndTheyAreIn() {
        String genre = "genre-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SPOTIFY),
                inRun(run, snapshot(genre, MusicService.SPOTIFY, "QZEDI2600001", "QZEDI2600002")));
        INFRASTRUCTURE.send(Topics.INGEST_RUNS, run, finished(run, genre, MusicService.SPOTIFY, MusicService.APPLE_MUSIC,
                MusicService.SOUNDCLOUD));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.APPLE_MUSIC),
                inRun(run, snapshot(genre, MusicService.APPLE_MUSIC, "QZEDI2600002", "QZEDI2600001")));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SOUNDCLOUD),
                inRun(run, snapshot(genre, MusicService.SOUNDCLOUD, "QZEDI2600002")));

        try (var consumer = INFRASTRUCTURE.consumer(Topics.AGGREGATES)) {
            AggregateComputed first = TopicRecords.first(consumer, Topics.AGGREGATES.name(), record -> genre.equals(record.key())).value();
            assertThat(first.getEntries()).extracting(AggregateEntry::getTrackKey, AggregateEntry::getServiceCount)
                    .as("the first aggregate holds the whole edition").containsExactly(
                            tuple("QZEDI2600002", 3), tuple("QZEDI2600001", 2));
            // past the edition timeout: a complete edition is forgotten, not ranked again
            Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                    TopicRecords.all(consumer, Topics.AGGREGATES.name()).stream().filter(record -> genre.equals(record.key())).count() == 1);
        }
    }

    @Test
    void anEditionMissingAPlaylistIsRankedWithWhatCameOnceItsTimeoutPassed() {
        String genre = "genre-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        INFRASTRUCTURE.send(Topics.INGEST_RUNS, run, finished(run, genre, MusicService.SPOTIFY, MusicService.APPLE_MUSIC,
                MusicService.SOUNDCLOUD));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SPOTIFY),
                inRun(run, snapshot(genre, MusicService.SPOTIFY, "QZLAT2600001")));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.APPLE_MUSIC),
                inRun(run, snapshot(genre, MusicService.APPLE_MUSIC, "QZLAT2600001")));

        assertThat(aggregateOf(genre).getEntries()).extracting(AggregateEntry::getTrackKey, AggregateEntry::getServiceCount)
                .as("SoundCloud's playlist never came").containsExactly(tuple("QZLAT2600001", 2));
    }

    @Test
    void aSnapshotOfAnUnknownServiceIsDeadLetteredWithTheReasonAndTheNextIsRanked() {
        String genre = "genre-" + UUID.randomUUID();
        PlaylistSnapshotResolved unknown = snapshot(genre, MusicService.SPOTIFY, "QZDLT2600001");
        unknown.setService("napster");
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, genre + "/napster", unknown);
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SPOTIFY),
                snapshot(genre, MusicService.SPOTIFY, "QZDLT2600001"));
        INFRASTRUCTURE.send(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(genre, MusicService.SOUNDCLOUD),
                snapshot(genre, MusicService.SOUNDCLOUD, "QZDLT2600001"));

        try (var consumer = INFRASTRUCTURE.consumer(Topics.PLAYLIST_SNAPSHOTS)) {
            ConsumerRecord<String, PlaylistSnapshotResolved> dead = TopicRecords.first(consumer,
                    Topics.PLAYLIST_SNAPSHOTS.deadLetter().name(), record -> (genre + "/napster").equals(record.key()));
            assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("unknown service 'napster'");
            assertThat(dead.value().getEntries()).as("nothing lost").hasSize(1);
        }
        assertThat(aggregateOf(genre).getEntries()).extracting(AggregateEntry::getTrackKey).containsExactly("QZDLT2600001");
    }

    /** The genre's first aggregate with a track in it (one service's snapshot alone ranks none). */
    private static AggregateComputed aggregateOf(String genre) {
        try (var consumer = INFRASTRUCTURE.consumer(Topics.AGGREGATES)) {
            return TopicRecords.first(consumer, Topics.AGGREGATES.name(),
                    record -> genre.equals(record.key()) && !record.value().getEntries().isEmpty()).value();
        }
    }

    private static PlaylistSnapshotResolved inRun(String run, PlaylistSnapshotResolved snapshot) {
        snapshot.setRunId(run);
        return snapshot;
    }

    /** The run's result as ingest-service publishes it: which playlists of the genre it published. */
    private static RunFinished finished(String run, String genre, MusicService... published) {
        return RunFinished.newBuilder().setEventId(run).setOccurredAt(FETCHED).setRunId(run).setKind("ingest").setTrigger("test")
                .setStartedAt(FETCHED).setOutcomes(Map.of("published", published.length)).setFailures(List.of())
                .setPublished(Stream.of(published).map(service -> Topics.playlistKey(genre, service)).toList()).build();
    }

    private static PlaylistSnapshotResolved snapshot(String genre, MusicService service, String... keys) {
        List<SnapshotEntry> entries = new ArrayList<>();
        for (String key : keys) {
            entries.add(SnapshotEntry.newBuilder().setPosition(entries.size() + 1).setTrackKey(key).setIsrc(key)
                    .setMatchMethod("PAYLOAD").setMatchConfidence(1.0).setTitle("Song " + key).setArtists(List.of("Artist " + key))
                    .build());
        }
        String id = UUID.randomUUID().toString();
        return PlaylistSnapshotResolved.newBuilder().setEventId(id).setOccurredAt(FETCHED).setSnapshotId(id).setGenre(genre)
                .setService(service.slug()).setFetchedAt(FETCHED).setPlaylistLength(keys.length).setSkippedEntries(0)
                .setEntries(entries).build();
    }
}
