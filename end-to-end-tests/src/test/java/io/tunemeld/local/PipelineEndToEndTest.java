package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.schemas.Topic;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front door: the bundled sample payloads (real captures of the four genres on all three services)
 * go through all five services over a real Kafka broker, Apicurio Registry, PostgreSQL and Redis, by
 * the same HTTP call {@code ./tunemeld up} makes, and the aggregate playlists that come out are checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    private static final List<String> GENRES = List.of("country", "dance", "pop", "rap");
    private static final String PLAYLIST_QUERY = """
            query($genre: String!, $service: Service!) { playlist(genre: $genre, service: $service) {
              length entries { position track { key } } } }""";
    private static final String AGGREGATE_QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { genre strategy entries {
              rank score serviceCount positions { service position }
              track { key isrc title artist spotifyUrl appleMusicUrl soundcloudUrl } } } }""";

    private static LocalStack stack;
    private static StackClient client;
    private static JsonNode firstRun;

    @BeforeAll
    static void ingestTheSamples() throws Exception {
        stack = SharedStack.get();
        client = StackClient.of(stack);
        firstRun = SharedStack.samplesRun();
    }

    @Test
    @Order(1)
    void everySamplePlaylistIsStoredAndPublished() {
        List<String> outcomes = new ArrayList<>();
        firstRun.path("playlists").forEach(p -> outcomes.add(p.path("genre").asString() + "/" + p.path("service").asString()
                + "=" + p.path("status").asString()));
        List<String> expected = new ArrayList<>();
        GENRES.forEach(g -> List.of("apple_music", "soundcloud", "spotify").forEach(s -> expected.add(g + "/" + s + "=PUBLISHED")));
        assertThat(outcomes).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(2)
    void redisIsWarmFromTheEventsBeforeAnyRequest() {
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (var connection = redis.connect()) {
            for (String genre : GENRES) {
                assertThat(connection.sync().get("tunemeld:aggregate:" + genre)).as(genre).contains("\"genre\":\"" + genre + "\"");
                assertThat(connection.sync().exists("tunemeld:playlist:" + genre + ":apple_music")).isEqualTo(1L);
            }
            assertThat(connection.sync().get("tunemeld:track:USAT22504362")).contains("No Broke Boys");
        } finally {
            redis.shutdown();
        }
    }

    @Test
    @Order(3)
    void theDanceAggregateHasTheTracksTwoServicesAgreeOn() throws Exception {
        JsonNode aggregate = client.graphql(AGGREGATE_QUERY, Map.of("genre", "dance")).path("aggregatePlaylist");

        assertThat(aggregate.path("strategy").asString()).isEqualTo("seed");
        // other tests in this JVM may add tracks with ISRCs to the (global) catalog, and so more agreements;
        // these two hold whatever else was ingested
        JsonNode entries = aggregate.path("entries");
        assertThat(entries.size()).isGreaterThanOrEqualTo(2);
        // No Broke Boys: Spotify #6 of 75 (ISRC in the payload), SoundCloud #17 of 50 (publisher ISRC):
        // (75 - 6) + (50 - 17) + 10 x 2 = 122
        JsonNode first = byKey(entries, "USAT22504362");
        assertThat(first.path("score").asDouble()).isEqualTo(122.0);
        assertThat(first.path("track").path("title").asString()).isEqualTo("No Broke Boys");
        assertThat(first.path("track").path("spotifyUrl").asString()).startsWith("https://open.spotify.com/track/");
        assertThat(first.path("track").path("soundcloudUrl").asString()).startsWith("https://soundcloud.com/");
        assertThat(positions(first)).isEqualTo(Map.of("SPOTIFY", 6, "SOUNDCLOUD", 17));
        // Is Everybody Having Fun?: Apple Music #9 of 60 has no ISRC and joins SoundCloud #1 of 50 through
        // the catalog: (60 - 9) + (50 - 1) + 20 = 120
        JsonNode second = byKey(entries, "USUG12503301");
        assertThat(second.path("score").asDouble()).isEqualTo(120.0);
        assertThat(second.path("track").path("appleMusicUrl").asString()).startsWith("https://music.apple.com/");
        assertThat(positions(second)).isEqualTo(Map.of("APPLE_MUSIC", 9, "SOUNDCLOUD", 1));
        assertThat(first.path("rank").asInt()).isLessThan(second.path("rank").asInt());
        // Victory Lap: Apple Music #2 credits "Fred again.., Skepta & PlaqueBoyMax", SoundCloud #7 (publisher
        // ISRC) the primary artist alone: (60 - 2) + (50 - 7) + 20 = 121
        JsonNode primaryOnly = byKey(entries, "GBAHS2500558");
        assertThat(primaryOnly.path("score").asDouble()).isEqualTo(121.0);
        assertThat(positions(primaryOnly)).isEqualTo(Map.of("APPLE_MUSIC", 2, "SOUNDCLOUD", 7));
    }

    private static JsonNode byKey(JsonNode entries, String key) {
        for (JsonNode entry : entries) {
            if (key.equals(entry.path("track").path("key").asString())) {
                return entry;
            }
        }
        throw new AssertionError(key + " is not in " + entries);
    }

    @Test
    @Order(4)
    void everyAggregateFollowsTheSeedFormulaOverTheServicesOwnPlaylists() throws Exception {
        int total = 0;
        for (String genre : GENRES) {
            Map<String, Integer> lengths = new HashMap<>();
            Map<String, Map<String, Integer>> positionsByTrack = new HashMap<>();
            for (String service : List.of("SPOTIFY", "APPLE_MUSIC", "SOUNDCLOUD")) {
                JsonNode playlist = client.graphql(PLAYLIST_QUERY, Map.of("genre", genre, "service", service)).path("playlist");
                lengths.put(service, playlist.path("length").asInt());
                playlist.path("entries").forEach(e -> positionsByTrack
                        .computeIfAbsent(e.path("track").path("key").asString(), k -> new HashMap<>())
                        .put(service, e.path("position").asInt()));
            }
            // what the aggregate must hold, computed here from the playlists the API serves
            Map<String, Double> expected = new HashMap<>();
            positionsByTrack.forEach((key, positions) -> {
                if (positions.size() >= 2) {
                    expected.put(key, positions.entrySet().stream()
                            .mapToDouble(p -> lengths.get(p.getKey()) - p.getValue()).sum() + 10 * positions.size());
                }
            });

            JsonNode entries = client.graphql(AGGREGATE_QUERY, Map.of("genre", genre)).path("aggregatePlaylist").path("entries");
            Map<String, Double> actual = new HashMap<>();
            double previous = Double.MAX_VALUE;
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                String key = entry.path("track").path("key").asString();
                assertThat(entry.path("rank").asInt()).isEqualTo(i + 1);
                assertThat(entry.path("score").asDouble()).as("ranked by score").isLessThanOrEqualTo(previous);
                assertThat(positions(entry)).as("positions of %s in %s", key, genre).isEqualTo(positionsByTrack.get(key));
                previous = entry.path("score").asDouble();
                actual.put(key, previous);
            }
            assertThat(actual).as("aggregate of %s", genre).isEqualTo(expected);
            total += actual.size();
        }
        assertThat(total).as("tracks agreed on across the four sample genres").isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(5)
    void ingestingTheSameDataAgainPublishesNothingNew() throws Exception {
        long before = endOffsets(Topics.Names.RAW_PLAYLISTS);

        JsonNode again = client.ingest(SharedStack.samples(), "test");

        again.path("playlists").forEach(p -> assertThat(p.path("status").asString()).isEqualTo("UNCHANGED"));
        assertThat(again.path("playlists").size()).isEqualTo(12);
        assertThat(endOffsets(Topics.Names.RAW_PLAYLISTS)).isEqualTo(before);
    }

    @Test
    @Order(6)
    void messagesUseTheConfluentWireFormatAndDecodeThroughTheRegistrysCcompatApi() throws Exception {
        for (Topic<?> topic : Topics.ALL) {
            // a genre must switch enrichment on first: EnrichmentEndToEndTest checks those topics; the listeners'
            // profiles are read on request: ListenerProfilesEndToEndTest checks theirs
            if (!List.of(Topics.ENRICHMENT_REQUESTS, Topics.ENRICHMENTS, Topics.SPOTIFY_USERS).contains(topic)) {
                assertConfluentWireFormat(stack, topic.name());
            }
        }
    }

    /** The topic's first record is in the Confluent wire format, its schema registered under the topic's subject. */
    static void assertConfluentWireFormat(LocalStack stack, String topic) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.shared();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            ConsumerRecord<byte[], byte[]> record = TopicRecords.first(consumer, topic, any -> true);
            ByteBuffer value = ByteBuffer.wrap(record.value());
            assertThat(value.get()).as("magic byte of %s", topic).isEqualTo((byte) 0);
            int schemaId = value.getInt();
            var response = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl()
                    + "/apis/ccompat/v7/schemas/ids/" + schemaId)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Schema schema = new Schema.Parser().parse(json.readTree(response.body()).path("schema").asString());
            GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
            assertThat(decoded.get("eventId").toString()).as("eventId of %s", topic).isNotBlank();
            var subjects = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/apis/ccompat/v7/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(subjects).contains("\"" + topic + "-value\"");
        }
    }

    @Test
    @Order(7)
    void theServicesConsumerGroupsAreVisibleToKafkasAdminApi() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Set<String> groups = new HashSet<>();
            admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).forEach(groups::add);
            assertThat(groups).containsAll(PipelineProgress.INPUTS.keySet());
        }
    }

    @Test
    @Order(8)
    void eachServiceRoleReachesOnlyItsOwnSchema() throws SQLException {
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var rows = ingest.createStatement().executeQuery("select count(*) from ingest.raw_payloads where genre = 'dance'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(3);
            assertThatThrownBy(() -> ingest.createStatement().executeQuery("select count(*) from normalizer.snapshots"))
                    .hasMessageContaining("permission denied for schema normalizer");
            assertThatThrownBy(() -> ingest.createStatement().execute("create table public.intruder (id int)"))
                    .hasMessageContaining("permission denied for schema public");
        }
    }

    @Test
    @Order(9)
    void stateChangingRequestsNeedTheAdminTokenWhileProbesStayOpen() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI runs = URI.create(stack.ingestUrl() + "/api/runs?dir=" + SharedStack.samples().toAbsolutePath());

        var anonymous = http.send(HttpRequest.newBuilder(runs).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(HttpRequest.newBuilder(runs).header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        var health = http.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        var history = http.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());

        var replay = http.send(HttpRequest.newBuilder(URI.create(stack.serviceUrl("aggregate-service") + "/actuator/replay"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"earliest\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(replay.statusCode()).as("a replay without the token").isEqualTo(401);
        assertThat(anonymous.body()).contains("TUNEMELD_ADMIN_TOKEN");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(history.statusCode()).as("reading the run history is open").isEqualTo(200);
        assertThat(client.ingest(SharedStack.samples(), "test").path("playlists").size()).as("with the token").isEqualTo(12);
    }

    @Test
    @Order(10)
    void theApiRefusesOverlyComplexQueriesAndReportsItsCacheHits() throws Exception {
        StringBuilder aliases = new StringBuilder("{");
        // 30 aliases of a page of 250 entries with a year of view counts each: a few dozen fields, but a
        // cost of tens of millions (page sizes, days and aliases multiply it) against a limit of 200,000
        for (int i = 0; i < 30; i++) {
            aliases.append(" a").append(i).append(": aggregatePlaylist(genre: \"dance\") { entries(limit: 250) { rank track { title")
                    .append(" viewCounts { service history(days: 366) { date count } } } } }");
        }
        aliases.append(" }");
        String onePage = "{ aggregatePlaylist(genre: \"dance\") { entries(limit: 250) { track { viewCounts { history(days: 366) { count } } } } } }";

        assertThatThrownBy(() -> client.graphql(aliases.toString(), Map.of())).hasMessageContaining("maximum query complexity exceeded")
                .hasMessageContaining("page sizes (limit), day ranges (days) and aliases multiply a query's cost");
        assertThatThrownBy(() -> client.graphql(onePage, Map.of())).as("one alias is enough when the page and the days are large")
                .hasMessageContaining("maximum query complexity exceeded");
        // the web page's own query, as the page sends it
        String page = Files.readString(Path.of("../cache-service/src/main/resources/static/app.js"));
        String pageQuery = page.substring(page.indexOf("`query") + 1, page.indexOf("}`;") + 1);
        assertThat(client.graphql(pageQuery, Map.of("genre", "dance")).path("genre").path("aggregate").path("entries").size())
                .as("an ordinary page query passes").isPositive();
        HttpResponse<String> huge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.graphqlUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ genres }\", \"x\": \"" + "x".repeat(70_000) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).as("a body over 64 KB").isEqualTo(413);
        assertThat(huge.body()).contains("GRAPHQL_MAX_REQUEST_SIZE");

        client.graphql(AGGREGATE_QUERY, Map.of("genre", "dance"));
        PrometheusScrape metrics = PrometheusScrape.of(stack, "cache-service");
        assertThat(metrics.sum("tunemeld_cache_lookups_total{result=\"hit\"}")).as("aggregates served from Redis warmed by the events")
                .isPositive();
        assertThat(metrics.text()).as("query latency").contains("graphql_request_seconds_count{");
    }

    private static Map<String, Integer> positions(JsonNode entry) {
        Map<String, Integer> positions = new HashMap<>();
        entry.path("positions").forEach(p -> positions.put(p.path("service").asString(), p.path("position").asInt()));
        return positions;
    }

    private static long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
