package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.TrackApplication;
import io.tunemeld.track.canonical.CanonicalTrackService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The samples' Apple Music entries often arrive before the catalog knows their ISRC, under a provisional
 * {@code hash:} key, and are re-keyed once it does. The track under the old key must not stay behind:
 * not in track-service, not in the read model, not in Redis.
 */
class ReKeyedTracksEndToEndTest {

    @Test
    void aReKeyedPageLeavesNoTrackBehindUnderItsOldKey() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();

        Map<String, String> replaced = new LinkedHashMap<>();
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var rows = track.createStatement().executeQuery("select track_key, replaced_by from track.tracks where replaced_by is not null");
            while (rows.next()) {
                replaced.put(rows.getString(1), rows.getString(2));
            }
            assertThat(replaced).as("tracks re-keyed while the samples went through").isNotEmpty();
            assertThat(replaced.keySet()).allMatch(key -> key.startsWith("hash:") || key.startsWith("spotify:"));
            assertThat(replaced.values()).as("replaced by ISRCs").allMatch(key -> key.matches("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}"));

            assertThat(count(track, """
                    select count(*) from (select service, url from track.service_tracks where url is not null
                        group by service, url having count(distinct track_key) > 1) pages""")).as("service pages under two keys").isZero();
            assertThat(count(track, """
                    select count(*) from track.tracks t where replaced_by is null
                        and not exists (select 1 from track.service_tracks s where s.track_key = t.track_key)"""))
                    .as("live tracks without a sighting").isZero();
        }
        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            var statement = cache.prepareStatement("select count(*) from cache.tracks where track_key = any(?)");
            statement.setArray(1, cache.createArrayOf("text", replaced.keySet().toArray()));
            var rows = statement.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).as("replaced tracks left in the read model").isZero();
        }
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            List<String> keys = replaced.keySet().stream().map(key -> "tunemeld:track:" + key).toList();
            assertThat(connection.sync().exists(keys.toArray(String[]::new))).as("replaced tracks left in Redis").isZero();
        } finally {
            redis.shutdown();
        }
    }

    /**
     * The same song (the same Apple Music page) on two Apple Music playlists, provisional until a Spotify
     * playlist teaches its ISRC. The playlist fetched later is resolved again first, and track-service is
     * held until both are, so one batch of re-keyed sightings ends with the older one: the page must still
     * move to the ISRC, and nothing stay under the provisional key.
     */
    @Test
    void aSongReKeyedOnTwoPlaylistsAtOnceLeavesNothingBehind() throws Exception {
        LocalStack stack = SharedStack.get();
        StackClient client = StackClient.of(stack);
        // fetched first: the genre resolved again last
        for (String genre : List.of("rekey-two", "rekey-one")) {
            Path apple = Files.createTempDirectory("tunemeld-rekey-apple-");
            Files.createDirectories(apple.resolve("apple_music"));
            Files.writeString(apple.resolve("apple_music").resolve(genre + ".json"), """
                    {"album_details": {
                      "0": {"name": "Paper Lanterns", "artist": "Mira Okafor &amp; Jonas Berg", "album": "Lanterns",
                            "link": "https://music.apple.com/us/album/paper-lanterns/1?i=1"},
                      "1": {"name": "Only On Apple", "artist": "Nobody Else", "album": "x",
                            "link": "https://music.apple.com/us/album/only/%s?i=2"}}}""".formatted(genre));
            client.ingest(apple, "test");
            SharedStack.awaitCaughtUp();
        }
        Path spotify = Files.createTempDirectory("tunemeld-rekey-spotify-");
        Files.createDirectories(spotify.resolve("spotify"));
        Files.writeString(spotify.resolve("spotify").resolve("rekey-one.json"), """
                [{"name": "Paper Lanterns", "artists": ["Mira Okafor", "Jonas Berg"], "isrc": "QZTST2500001",
                  "song_id": "rekey1", "url": "https://open.spotify.com/track/rekey1", "list_position": 1, "list_length": 1}]""");
        var trackListeners = stack.services().get(TrackApplication.NAME).getBean(KafkaListenerEndpointRegistry.class);
        trackListeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            client.ingest(spotify, "test");
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> progress.lag().get(NormalizerApplication.NAME) == 0);
        } finally {
            trackListeners.getListenerContainers().forEach(MessageListenerContainer::resume);
        }
        SharedStack.awaitCaughtUp();

        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var pages = track.createStatement().executeQuery("""
                    select track_key from track.service_tracks where url = 'https://music.apple.com/us/album/paper-lanterns/1?i=1'""");
            List<String> keys = new ArrayList<>();
            while (pages.next()) {
                keys.add(pages.getString(1));
            }
            assertThat(keys).as("Apple Music's sighting of the song").containsExactly("QZTST2500001");
            assertThat(count(track, """
                    select count(*) from track.tracks where replaced_by is null and title = 'Paper Lanterns' and track_key <> 'QZTST2500001'"""))
                    .as("live tracks of the song under another key").isZero();
        }
        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            assertThat(count(cache, "select count(*) from cache.tracks where body->>'title' = 'Paper Lanterns'"))
                    .as("the song in the read model").isEqualTo(1);
        }
    }

    /**
     * Sightings are keyed by track, so a page's provisional key and its ISRC are on different partitions:
     * with two track-service replicas, both sightings of the page are folded at the same time. The page
     * must still end under the ISRC alone, whichever replica commits first.
     */
    @Test
    void aPageSightedUnderTwoKeysAtOnceEndsUnderOneKey() throws Exception {
        LocalStack stack = SharedStack.get();
        // after the samples, which spend the day's YouTube searches that these ISRCs would otherwise take
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();
        CanonicalTrackService tracks = stack.services().get(TrackApplication.NAME).getBean(CanonicalTrackService.class);
        EventSender sender = stack.services().get(TrackApplication.NAME).getBean(EventSender.class);
        int pages = 40;
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (int page = 0; page < pages; page++) {
                String url = "https://music.apple.com/us/album/race/%d?i=%d".formatted(page, page);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> folded = new ArrayList<>();
                for (String key : List.of("hash:race-" + page, "QZRCE25%05d".formatted(page))) {
                    ServiceTrackResolved sighting = ServiceTrackResolved.newBuilder().setEventId("race-" + key)
                            .setOccurredAt(Instant.parse("2026-11-30T12:00:00Z")).setTrackKey(key)
                            .setIsrc(key.startsWith("hash:") ? null : key).setMatchMethod("test").setMatchConfidence(1)
                            .setGenre("race").setService("apple_music").setSnapshotId("race-snapshot").setPosition(page + 1)
                            .setTitle("Race " + page).setArtists(List.of("Nobody")).setUrl(url).build();
                    folded.add(replicas.submit(() -> {
                        together.await();
                        sender.send(tracks.handle(List.of(sighting)));
                        return null;
                    }));
                }
                for (Future<?> replica : folded) {
                    replica.get(1, TimeUnit.MINUTES);
                }
            }
        } finally {
            replicas.shutdownNow();
        }
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            assertThat(count(track, """
                    select count(*) from track.service_tracks where url like 'https://music.apple.com/us/album/race/%'
                        and track_key like 'QZRCE25%'""")).as("pages under their ISRC").isEqualTo(pages);
            assertThat(count(track, """
                    select count(*) from track.service_tracks where url like 'https://music.apple.com/us/album/race/%'
                        and track_key like 'hash:race-%'""")).as("pages still under the provisional key").isZero();
            assertThat(count(track, """
                    select count(*) from track.tracks where track_key like 'hash:race-%' and replaced_by is null"""))
                    .as("live tracks under the provisional key").isZero();
        }
        // both replicas publish under the provisional key, the later commit not always last: the versions order them
        Map<String, Object> config = new HashMap<>(AvroSerdes.consumerConfig(stack.registryUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        Map<String, List<TrackCanonicalized>> published = new TreeMap<>();
        try (var consumer = new KafkaConsumer<String, Object>(config)) {
            TopicRecords.all(consumer, Topics.Names.TRACKS).stream().filter(record -> record.key().startsWith("hash:race-"))
                    .forEach(record -> published.computeIfAbsent(record.key(), key -> new ArrayList<>())
                            .add((TrackCanonicalized) record.value()));
        }
        published.forEach((key, states) -> {
            long replaced = states.stream().filter(state -> state.getReplacedBy() != null)
                    .mapToLong(TrackCanonicalized::getVersion).min().orElseThrow(() -> new AssertionError(key + " never replaced"));
            assertThat(states).as("%s: states before its replacement", key).filteredOn(state -> state.getReplacedBy() == null)
                    .allSatisfy(state -> assertThat(state.getVersion()).isLessThan(replaced));
        });
        SharedStack.awaitCaughtUp();
        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            assertThat(count(cache, "select count(*) from cache.tracks where track_key like 'hash:race-%'"))
                    .as("provisional keys in the read model").isZero();
        }
    }

    private static int count(Connection db, String sql) throws Exception {
        var rows = db.createStatement().executeQuery(sql);
        rows.next();
        return rows.getInt(1);
    }
}
