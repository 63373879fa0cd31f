package io.tunemeld.cache.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.cache.CacheApplication;
import io.tunemeld.embedded.ServiceInfrastructure;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.AggregateEntry;
import io.tunemeld.events.ServicePosition;
import io.tunemeld.schemas.Topic;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * cache-service alone on a real broker, registry, database and Redis: an aggregate it reads is served over HTTP
 * from Redis, and bytes that are no event go to the dead-letter topic with the reason while the next aggregate
 * is still served.
 */
@SpringBootTest(classes = CacheApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CacheApplication.NAME)
class ReadModelListenerTest {

    private static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // the read model reads what every other service writes
        INFRASTRUCTURE.createTopics(Topics.ALL.toArray(Topic[]::new));
        INFRASTRUCTURE.register(registry, "cache");
        INFRASTRUCTURE.registerRedis(registry);
    }

    @Test
    void anAggregateItReadsIsServedFromRedis() {
        String genre = "genre-" + UUID.randomUUID();
        INFRASTRUCTURE.send(Topics.AGGREGATES, genre, aggregate(genre, "Cached Song"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/aggregates/" + genre))
                .satisfies(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("Cached Song");
                }));
        assertThat(redis.opsForValue().get(RedisReadCache.aggregateKey(genre))).contains("Cached Song");
    }

    @Test
    void bytesThatAreNoEventAreDeadLetteredWithTheReasonAndTheNextAggregateIsServed() {
        String genre = "genre-" + UUID.randomUUID();
        INFRASTRUCTURE.sendBytes(Topics.AGGREGATES, genre, "not avro".getBytes(StandardCharsets.UTF_8));
        INFRASTRUCTURE.send(Topics.AGGREGATES, genre, aggregate(genre, "After The Poison"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/aggregates/" + genre).body())
                .contains("After The Poison"));
        ConsumerRecord<String, byte[]> dead = TopicRecords.all(INFRASTRUCTURE.bootstrapServers(), Topics.AGGREGATES.deadLetter().name())
                .stream().filter(record -> genre.equals(record.key())).findFirst().orElseThrow();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).as("the original bytes").isEqualTo("not avro");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8)).isNotBlank();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static AggregateComputed aggregate(String genre, String title) {
        Instant now = Instant.now();
        AggregateEntry entry = AggregateEntry.newBuilder().setRank(1).setTrackKey("QZCCH2600001").setIsrc("QZCCH2600001")
                .setTitle(title).setArtist("Cay Che").setScore(42.0).setServiceCount(2)
                .setPositions(List.of(ServicePosition.newBuilder().setService("spotify").setPosition(1).build(),
                        ServicePosition.newBuilder().setService("apple_music").setPosition(2).build()))
                .build();
        return AggregateComputed.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setGenre(genre)
                .setComputedAt(now).setStrategy("seed").setEntries(List.of(entry)).build();
    }
}
