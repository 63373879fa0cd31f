package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.AggregateEntry;
import io.tunemeld.events.ServicePosition;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The read side: Redis keys written per event and per genre, an API that outlives Redis, and writes Redis refused repaired. */
class ReadSideEndToEndTest {

    private static final String GENRE_QUERY = """
            query($genre: String!) { genre(name: $genre) { name updatedAt
              aggregate { computedAt length entries { rank movement track { key title artist spotifyUrl
                viewCounts { service current history { date count } } } } }
              playlists { service name url coverUrl length entries { position track { key title } } } } }""";

    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void ingested() throws Exception {
        stack = SharedStack.get();
        client = StackClient.of(stack);
        SharedStack.samplesRun();
    }

    @Test
    void aChangeToOneGenreRewritesItsKeysAndLeavesEveryOtherGenresKeysUntouched() throws Exception {
        Path two = Files.createTempDirectory("isolation-");
        for (String service : List.of("spotify", "apple_music", "soundcloud")) {
            Files.createDirectories(two.resolve(service));
            for (String genre : List.of("isolation-a", "isolation-b")) {
                Files.copy(SharedStack.samples().resolve(service + "/dance.json"), two.resolve(service + "/" + genre + ".json"));
            }
        }
        client.ingest(two, "test");
        SharedStack.awaitCaughtUp();
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Long> ttls = new LinkedHashMap<>();
            for (String key : connection.sync().keys("tunemeld:*")) {
                if (key.startsWith("tunemeld:aggregate:") || key.startsWith("tunemeld:playlist:")) {
                    values.put(key, connection.sync().get(key));
                    ttls.put(key, connection.sync().pttl(key));
                }
            }
            assertThat(values).containsKeys("tunemeld:aggregate:isolation-b", "tunemeld:aggregate:dance", "tunemeld:aggregate:pop");
            // asked three times before the change: an answer is kept from the second ask on, so the third is a reused
            // one, which the change must not outlive
            double reused = counter("tunemeld_graphql_responses_total{result=\"reused\"}");
            JsonNode before = client.graphql(GENRE_QUERY, Map.of("genre", "isolation-a"));
            assertThat(client.graphql(GENRE_QUERY, Map.of("genre", "isolation-a"))).isEqualTo(before);
            assertThat(counter("tunemeld_graphql_responses_total{result=\"reused\"}")).as("the first answer was not kept").isEqualTo(reused);
            assertThat(client.graphql(GENRE_QUERY, Map.of("genre", "isolation-a"))).isEqualTo(before);
            assertThat(counter("tunemeld_graphql_responses_total{result=\"reused\"}")).isEqualTo(reused + 1);

            // isolation-a's Spotify playlist changes: its order is reversed
            Path change = Files.createTempDirectory("isolation-change-");
            Files.createDirectories(change.resolve("spotify"));
            ArrayNode tracks = (ArrayNode) JsonMapper.shared().readTree(SharedStack.samples().resolve("spotify/dance.json").toFile());
            for (JsonNode track : tracks) {
                ((ObjectNode) track).put("list_position", tracks.size() + 1 - track.path("list_position").asInt());
            }
            Files.writeString(change.resolve("spotify/isolation-a.json"), JsonMapper.shared().writeValueAsString(tracks));
            client.ingest(change, "test");
            SharedStack.awaitCaughtUp();

            assertThat(client.graphql(GENRE_QUERY, Map.of("genre", "isolation-a"))).as("the API answers the change at once")
                    .isNotEqualTo(before);
            List<String> changed = List.of("tunemeld:aggregate:isolation-a", "tunemeld:playlist:isolation-a:spotify");
            for (String key : changed) {
                assertThat(connection.sync().get(key)).as("%s was rewritten", key).isNotEqualTo(values.get(key));
            }
            values.keySet().stream().filter(key -> !changed.contains(key)).forEach(key -> {
                assertThat(connection.sync().get(key)).as(key).isEqualTo(values.get(key));
                // a rewritten key would have its TTL set afresh
                assertThat(connection.sync().pttl(key)).as("time to live of %s", key).isLessThan(ttls.get(key));
            });
        } finally {
            redis.shutdown();
        }
    }

    /**
     * refreshCache(genre): a genre's keys spoiled in Redis are rewritten from PostgreSQL by an operator, and
     * by no one else; other genres' keys stay as they are.
     */
    @Test
    void anOperatorRefreshesOneGenresKeysFromPostgresAndNoOneElseCan() throws Exception {
        String refresh = "mutation($genre: String!) { refreshCache(genre: $genre) { genre keys } }";
        Map<String, String> admin = Map.of("Authorization", "Bearer " + stack.adminToken());
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect();
                var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            var rows = cache.createStatement().executeQuery("select body::text from aggregates where genre = 'dance'");
            assertThat(rows.next()).isTrue();
            String stored = rows.getString(1);
            String pop = connection.sync().get("tunemeld:aggregate:pop");
            String firstTrack = "tunemeld:track:" + JsonMapper.shared().readTree(stored).path("entries").get(0).path("trackKey").asString();
            connection.sync().set("tunemeld:aggregate:dance", "{\"spoiled\": true}");
            connection.sync().del(firstTrack, "tunemeld:playlist:dance:spotify");

            for (var attempt : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer " + stack.adminToken() + "x"))) {
                HttpResponse<String> refused = refresh(refresh, "dance", attempt);
                assertThat(refused.body()).as("with %s", attempt.keySet()).doesNotContain("\"keys\"");
                assertThat(refused.statusCode() == 401 || refused.body().contains("UNAUTHORIZED")).as(refused.body()).isTrue();
            }
            assertThat(refresh(refresh, "dance", Map.of()).body()).contains("refreshCache needs Authorization: Bearer <TUNEMELD_ADMIN_TOKEN>");
            HttpResponse<String> overGet = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.graphqlUrl() + "?query="
                    + URLEncoder.encode("mutation { refreshCache(genre: \"dance\") { keys } }", StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + stack.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overGet.body()).as("a mutation over GET").doesNotContain("\"keys\"");
            assertThat(refresh(refresh, "dance:*", admin).body()).as("a genre name that is no genre's")
                    .contains("genre must be letters, digits").doesNotContain("\"keys\"");
            assertThat(connection.sync().get("tunemeld:aggregate:dance")).as("nothing refused was executed").isEqualTo("{\"spoiled\": true}");

            JsonNode answer = JsonMapper.shared().readTree(refresh(refresh, "dance", admin).body());
            assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
            assertThat(answer.path("data").path("refreshCache").path("genre").asString()).isEqualTo("dance");
            assertThat(connection.sync().get("tunemeld:aggregate:dance")).isEqualTo(stored);
            assertThat(connection.sync().exists(firstTrack, "tunemeld:playlist:dance:spotify")).isEqualTo(2);
            var keys = cache.createStatement().executeQuery("""
                    select 1 + (select count(*) from playlists where genre = 'dance') + (select count(distinct k) from (
                      select e->>'trackKey' k from aggregates, json_array_elements(body->'entries') e where genre = 'dance'
                      union select e->>'trackKey' from playlists, json_array_elements(body->'entries') e where genre = 'dance') t)""");
            keys.next();
            assertThat(answer.path("data").path("refreshCache").path("keys").asLong()).as("the aggregate, the playlists, their tracks")
                    .isEqualTo(keys.getLong(1));
            assertThat(connection.sync().get("tunemeld:aggregate:pop")).as("another genre's key").isEqualTo(pop);
            assertThat(refresh(refresh, "no-such-genre", admin).body()).contains("no genre 'no-such-genre'");
        } finally {
            redis.shutdown();
        }
    }

    private static HttpResponse<String> refresh(String mutation, String genre, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.graphqlUrl())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(Map.of("query", mutation,
                        "variables", Map.of("genre", genre)))));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withRedisDownTheApiAnswersTheSameFromPostgresAndAWarmRefillsARestartedRedis() throws Exception {
        JsonNode before = client.graphql(GENRE_QUERY, Map.of("genre", "dance"));
        assertThat(before.path("genre").path("aggregate").path("entries").size()).isPositive();
        double errorsBefore = cacheErrors();
        SharedStack.stop(SharedStack.Server.REDIS);
        try {
            JsonNode down = client.graphql(GENRE_QUERY, Map.of("genre", "dance"));

            assertThat(down).isEqualTo(before);
            assertThat(cacheErrors()).as("look-ups that found Redis down").isGreaterThan(errorsBefore);
        } finally {
            SharedStack.start(SharedStack.Server.REDIS);
        }
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().exists("tunemeld:aggregate:dance")).as("a restarted Redis is empty").isZero();
            // the services reconnect on their own; until then a warm finds Redis still unreachable
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                client.warmCache(stack.serviceUrl("cache-service"));
                assertThat(connection.sync().exists("tunemeld:aggregate:dance", "tunemeld:playlist:pop:spotify")).isEqualTo(2L);
            });
        } finally {
            redis.shutdown();
        }
        assertThat(client.graphql(GENRE_QUERY, Map.of("genre", "dance"))).isEqualTo(before);
    }

    @Test
    void aWriteRedisRefusedIsRepairedOnceRedisTakesWritesAgain() throws Exception {
        String genre = "redis-blip";
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        Instant second = first.plus(Duration.ofHours(1));
        publish(aggregate(genre, first));
        SharedStack.awaitCaughtUp();
        assertThat(computedAt(genre)).as("served, and now held by Redis").isEqualTo(first.toString());
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            // a blip that keeps Redis's data, as a failover to a replica does: reads answer, writes are refused
            connection.sync().aclSetuser("default", AclSetuserArgs.Builder.removeCategory(AclCategory.WRITE));
            try {
                publish(aggregate(genre, second));
                SharedStack.awaitCaughtUp();
                assertThat(computedAt(genre)).as("Redis refused the new aggregate and still holds the old one").isEqualTo(first.toString());
            } finally {
                connection.sync().aclSetuser("default", AclSetuserArgs.Builder.addCategory(AclCategory.WRITE));
            }
        } finally {
            redis.shutdown();
        }
        // no event comes for this genre: the repair alone brings the refused write back
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(computedAt(genre)).isEqualTo(second.toString()));
    }

    @Test
    void anEditionRankedTwiceAtOneMomentKeepsTheLastRankingsRanks() throws Exception {
        String genre = "ranked-twice";
        Instant moment = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // two services' snapshots ranked first, then the third arrives with the same newest fetch time
        publish(aggregate(genre, moment, "USRT10000001", "USRT10000002"));
        publish(aggregate(genre, moment, "USRT10000002", "USRT10000003"));
        SharedStack.awaitCaughtUp();
        Map<String, List<Integer>> ranks = new LinkedHashMap<>();
        for (String isrc : List.of("USRT10000001", "USRT10000002", "USRT10000003")) {
            JsonNode history = client.graphql("query($isrc: String!, $g: String!) { trackHistory(isrc: $isrc, genre: $g) { rank } }",
                    Map.of("isrc", isrc, "g", genre)).path("trackHistory");
            ranks.put(isrc, StreamSupport.stream(history.spliterator(), false).map(point -> point.path("rank").asInt()).toList());
        }
        assertThat(ranks).containsExactly(Map.entry("USRT10000001", List.of()), Map.entry("USRT10000002", List.of(1)),
                Map.entry("USRT10000003", List.of(2)));
    }

    /**
     * Two track-service replicas can publish one key's states out of order: the one that committed first
     * (the provisional key's sighting) last, after the other announced the key gone (re-keyed to its ISRC).
     */
    @Test
    void aTracksOlderStatePublishedLateChangesNothingAndAGoneKeyStaysGone() throws Exception {
        String key = "hash:late-state";
        publish(trackState(key, 2, "Current", null), trackState(key, 1, "Stale", null));
        SharedStack.awaitCaughtUp();
        assertThat(storedTrack(key)).as("of two states in one batch, the newer").contains("Current");

        publish(trackState(key, 4, "Current", "QZLTE2500001"));
        SharedStack.awaitCaughtUp();
        publish(trackState(key, 3, "Stale", null));
        SharedStack.awaitCaughtUp();
        assertThat(storedTrack(key)).as("an older state after the key was announced gone").isEmpty();

        publish(trackState(key, 5, "Back", null));
        SharedStack.awaitCaughtUp();
        assertThat(storedTrack(key)).as("a newer state brings the key back").contains("Back");
    }

    private static TrackCanonicalized trackState(String key, long version, String title, String replacedBy) {
        return TrackCanonicalized.newBuilder().setEventId(EventIds.of(key, String.valueOf(version))).setOccurredAt(Instant.now())
                .setTrackKey(key).setTitle(title).setArtist("Artist").setServices(List.of("apple_music"))
                .setVersion(version).setReplacedBy(replacedBy).build();
    }

    /** The track's title in the read model, where PostgreSQL and Redis agree on it. */
    private static Optional<String> storedTrack(String key) throws Exception {
        String stored;
        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            var statement = cache.prepareStatement("select body->>'title' from cache.tracks where track_key = ?");
            statement.setString(1, key);
            var rows = statement.executeQuery();
            stored = rows.next() ? rows.getString(1) : null;
        }
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            String cached = connection.sync().get("tunemeld:track:" + key);
            assertThat(cached == null ? null : JsonMapper.shared().readTree(cached).path("title").asString()).as("%s in Redis", key).isEqualTo(stored);
        } finally {
            redis.shutdown();
        }
        return Optional.ofNullable(stored);
    }

    private static void publish(TrackCanonicalized... states) throws Exception {
        try (var producer = SharedStack.avroProducer()) {
            for (TrackCanonicalized state : states) {
                producer.send(new ProducerRecord<>(Topics.Names.TRACKS, state.getTrackKey(), state));
            }
            producer.flush();
        }
    }

    private static String computedAt(String genre) throws Exception {
        return client.graphql("query($g: String!) { aggregatePlaylist(genre: $g) { computedAt } }", Map.of("g", genre))
                .path("aggregatePlaylist").path("computedAt").asString();
    }

    /** An aggregate of the genre listing the tracks in rank order. */
    private static AggregateComputed aggregate(String genre, Instant computedAt, String... isrcs) {
        List<AggregateEntry> entries = new ArrayList<>();
        for (String isrc : isrcs) {
            entries.add(AggregateEntry.newBuilder().setRank(entries.size() + 1).setTrackKey(isrc).setIsrc(isrc).setTitle("Title " + isrc)
                    .setArtist("Artist").setScore(100.0 - entries.size()).setServiceCount(2)
                    .setPositions(List.of(new ServicePosition("spotify", entries.size() + 1, "ISRC", 1.0),
                            new ServicePosition("soundcloud", entries.size() + 1, "ISRC", 1.0)))
                    .setMovement("NEW").build());
        }
        return AggregateComputed.newBuilder().setEventId(EventIds.of(genre, computedAt.toString(), List.of(isrcs).toString()))
                .setOccurredAt(computedAt).setGenre(genre).setComputedAt(computedAt).setStrategy("test").setEntries(entries).build();
    }

    private static void publish(AggregateComputed event) throws Exception {
        try (var producer = SharedStack.avroProducer()) {
            producer.send(new ProducerRecord<>(Topics.Names.AGGREGATES, event.getGenre(), event)).get();
        }
    }

    @Test
    void listsArePagedWithinTheMaximumAndRankHistoryAndGenreMetadataAreServed() throws Exception {
        JsonNode dance = client.graphql(GENRE_QUERY, Map.of("genre", "dance")).path("genre");
        JsonNode entries = dance.path("aggregate").path("entries");
        assertThat(dance.path("aggregate").path("length").asInt()).isEqualTo(entries.size()).isGreaterThanOrEqualTo(2);

        JsonNode page = client.graphql("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 1, offset: 1) { rank } } }", Map.of())
                .path("aggregatePlaylist").path("entries");
        assertThat(page.size()).isEqualTo(1);
        assertThat(page.get(0).path("rank").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> client.graphql("{ aggregatePlaylist(genre: \"dance\") { entries(limit: 1000) { rank } } }", Map.of()))
                .hasMessageContaining("limit must be between 0 and 250, was 1000");

        // updatedAt: the newest of the playlists' fetch times and the aggregate's computation time
        List<String> times = new ArrayList<>();
        times.add(dance.path("aggregate").path("computedAt").asString());
        for (JsonNode playlist : dance.path("playlists")) {
            times.add(client.graphql("query($g: String!, $s: Service!) { playlist(genre: $g, service: $s) { fetchedAt } }",
                    Map.of("g", "dance", "s", playlist.path("service").asString())).path("playlist").path("fetchedAt").asString());
        }
        assertThat(dance.path("updatedAt").asString()).isEqualTo(times.stream().max(String::compareTo).orElseThrow());
        assertThat(dance.path("playlists")).extracting(p -> p.path("service").asString())
                .containsExactlyInAnyOrder("SPOTIFY", "APPLE_MUSIC", "SOUNDCLOUD");
        JsonNode spotify = StreamSupport.stream(dance.path("playlists").spliterator(), false)
                .filter(p -> p.path("service").asString().equals("SPOTIFY")).findFirst().orElseThrow();
        assertThat(spotify.path("coverUrl").asString()).startsWith("https://");

        String top = entries.get(0).path("track").path("key").asString();
        JsonNode history = client.graphql("query($isrc: String!) { trackHistory(isrc: $isrc, genre: \"dance\") { genre computedAt rank score } }",
                Map.of("isrc", top)).path("trackHistory");
        assertThat(history.size()).isPositive();
        JsonNode latest = history.get(history.size() - 1);
        assertThat(latest.path("genre").asString()).isEqualTo("dance");
        assertThat(latest.path("computedAt").asString()).isEqualTo(dance.path("aggregate").path("computedAt").asString());
        assertThat(latest.path("rank").asInt()).isEqualTo(1);
    }

    private static double cacheErrors() throws Exception {
        return counter("tunemeld_cache_lookups_total{result=\"error\"}");
    }

    /** A counter of cache-service, as Prometheus reads it. */
    private static double counter(String series) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.serviceUrl("cache-service") + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
