package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.local.ComposeProject.Result;
import io.tunemeld.local.bench.SyntheticCharts;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml with docker-compose.cluster.yml on a real Docker Engine: three KRaft brokers, every
 * topic replicated three times with two in sync required. Synthetic charts (mounted into the
 * ingest-service) flow through while one broker is stopped for 30 s: nothing lost, nothing
 * dead-lettered, no service restarted. Then two brokers are stopped: publishing waits or fails loudly,
 * nothing is dead-lettered, and once one of them is back the pipeline ends with everything in place.
 * Then the network faults: PostgreSQL and then Redis taken off the network for 20 s under load, and the
 * registry away while the consumers start without a schema. Runs where {@link ComposeProject} says;
 * every container and volume is removed at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeClusterEndToEndTest {

    private static final int GENRES = 6;
    private static final int TRACKS = 100;
    private static final String PREFIX = "cluster";
    private static final List<String> SERVICES = List.of("ingest-service", "normalizer-service", "track-service",
            "aggregate-service", "cache-service");

    private static final String AGGREGATE = "query($genre: String!) { aggregatePlaylist(genre: $genre) { entries(limit: 250) { rank } } }";
    private static final JsonMapper JSON = JsonMapper.shared();

    private static ComposeProject compose;

    @BeforeAll
    static void cluster() throws Exception {
        Path charts = Files.createDirectories(Path.of("target/cluster-charts").toAbsolutePath());
        new SyntheticCharts(PREFIX, GENRES, 5, TRACKS, 0.6, 11).write(charts);
        // the charts where the ingest-service container reads them
        Path mount = Files.writeString(Path.of("target/compose-cluster-charts.yml").toAbsolutePath(), """
                services:
                  ingest-service:
                    environment:
                      INGEST_PAYLOAD_ROOTS: /samples,/charts
                    volumes:
                      - %s:/charts:ro
                """.formatted(charts));
        compose = ComposeProject.of("ComposeClusterEndToEndTest", "tunemeld-cluster-check", "docker-compose.yml",
                "docker-compose.cluster.yml", mount.toString()).orElse(null);
        Assumptions.assumeTrue(compose != null, "no Docker Engine or images");
        compose.remove();
        long started = System.nanoTime();
        assertThat(compose.command(Duration.ofMinutes(10), "up", "-d").code()).isZero();
        compose.awaitReady(Duration.ofMinutes(8));
        compose.verified("up -d with three brokers to every service ready", ComposeProject.seconds(started));
    }

    @AfterAll
    static void removeCluster() throws Exception {
        if (compose != null) {
            compose.end();
        }
    }

    @Test
    @Order(1)
    void everyTopicHasThreeReplicasAndTakesAWriteOnceTwoHoldIt() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA))) {
            Set<String> topics = new TreeSet<>(admin.listTopics().names().get());
            assertThat(topics).contains(Topics.Names.RAW_PLAYLISTS, Topics.Names.SERVICE_TRACKS, Topics.Names.TRACKS, Topics.Names.AGGREGATES,
                    Topics.deadLetter(Topics.Names.RAW_PLAYLISTS));
            topics.add("__consumer_offsets");
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            described.values().forEach(topic -> topic.partitions().forEach(partition -> assertThat(partition.replicas())
                    .as("replicas of %s-%d", topic.name(), partition.partition()).hasSize(3)));
            List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            configs.forEach((resource, config) -> assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())
                    .as("min.insync.replicas of " + resource.name()).isEqualTo("2"));
            compose.verified("topics", topics.size() + " (internal offsets included), every partition on 3 brokers, min.insync.replicas=2");
        }
    }

    @Test
    @Order(2)
    void oneBrokerStoppedForThirtySecondsUnderLoadLosesNothingAndRestartsNothing() throws Exception {
        String run = compose.ingest("/charts/edition-1", "wait=false").path("id").asString();
        // under load: the first playlists are in and the pipeline has records to process
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> TopicRecords.endOffset(ComposeProject.KAFKA, Topics.Names.RAW_PLAYLISTS) > 0);
        long waiting = waitingRecords();
        assertThat(compose.command(Duration.ofMinutes(2), "stop", "kafka-2").code()).isZero();
        Thread.sleep(30_000);
        assertThat(compose.command(Duration.ofMinutes(2), "start", "kafka-2").code()).isZero();

        compose.awaitRunFinished(run);
        assertThat(compose.runOutcomes(run)).as("the run's playlists").hasSize(GENRES * 3).allMatch("PUBLISHED"::equals);
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(8));
        assertEveryChartServed();
        assertNoServiceRestarted();
        compose.assertNoDeadLetter();
        compose.verified("kafka-2 stopped 30 s under load", waiting + " records waiting when it stopped; " + GENRES * 3
                + " playlists published, every one and every aggregate served, lag 0, no dead letter, no service restarted");
    }

    @Test
    @Order(3)
    void twoBrokersStoppedHoldPublishingBackWithoutLosingAnythingUntilOneReturns() throws Exception {
        assertThat(compose.command(Duration.ofMinutes(2), "stop", "kafka-2", "kafka-3").code()).isZero();
        String run = compose.ingest("/charts/edition-2", "wait=false").path("id").asString();
        Thread.sleep(45_000);
        JsonNode during = compose.ingestRun(run);
        List<String> statuses = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        during.path("playlists").forEach(p -> {
            statuses.add(p.path("status").asString());
            if (p.path("status").asString().equals("FAILED")) {
                failed.add(p.path("detail").asString());
            }
        });
        assertThat(statuses).as("nothing published with one broker of three").doesNotContain("PUBLISHED");
        // one broker back: two replicas can be in sync again, and the controllers have their quorum
        assertThat(compose.command(Duration.ofMinutes(2), "start", "kafka-2").code()).isZero();

        compose.awaitRunFinished(run);
        List<String> outcomes = compose.runOutcomes(run);
        if (outcomes.contains("FAILED")) {
            // what failed loudly was kept: the same run again publishes it
            String again = compose.ingest("/charts/edition-2", "wait=false").path("id").asString();
            compose.awaitRunFinished(again);
            assertThat(compose.runOutcomes(again)).as("the second run").doesNotContain("FAILED");
        }
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(8));
        assertEveryChartServed();
        compose.assertNoDeadLetter();
        compose.verified("kafka-2 and kafka-3 stopped", "while down, of " + GENRES * 3 + " playlists none published, "
                + failed.size() + " failed loudly" + (failed.isEmpty() ? "" : " (" + failed.get(0) + ")")
                + "; with kafka-2 back (kafka-3 still down) every playlist published, lag 0, no dead letter");
        assertThat(compose.command(Duration.ofMinutes(2), "start", "kafka-3").code()).isZero();
    }

    /**
     * PostgreSQL is taken off the network for 20 s while the consumers have an edition's records to
     * process (the registry, which keeps its schemas there, loses it too): every service waits, none is
     * restarted, nothing is dead-lettered, and once it is back (perhaps at another address) they catch up.
     */
    @Test
    @Order(4)
    void postgresCutOffForTwentySecondsUnderLoadIsWaitedFor() throws Exception {
        ingestPublished(3);
        long waiting = waitingRecords();
        String address = address("postgres");
        try (AutoCloseable postgres = compose.disconnect("postgres")) {
            Thread.sleep(20_000);
        }
        String addressAfter = address("postgres");
        long back = System.nanoTime();
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(8));
        String caughtUp = ComposeProject.seconds(back);
        assertEveryChartServed();
        assertNoServiceRestarted();
        compose.assertNoDeadLetter();
        compose.verified("postgres off the network 20 s under load", waiting + " records waiting when it went; its address "
                + address + ", then " + addressAfter + "; caught up "
                + caughtUp + " after it came back; every playlist and aggregate served, lag 0, no dead letter, no service restarted");
    }

    /**
     * Redis is taken off the network for 20 s while cache-service projects an edition: GraphQL answers
     * from PostgreSQL meanwhile, nothing is dead-lettered, and afterwards Redis holds what PostgreSQL holds.
     */
    @Test
    @Order(5)
    void redisCutOffForTwentySecondsUnderLoadIsAnsweredFromPostgresAndCaughtUp() throws Exception {
        ingestPublished(4);
        long waiting = waitingRecords();
        JsonNode during;
        try (AutoCloseable redis = compose.disconnect("redis")) {
            long cut = System.nanoTime();
            during = compose.graphql(AGGREGATE, Map.of("genre", PREFIX + "00001")).path("aggregatePlaylist");
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - cut) / 1_000_000));
        }
        assertThat(during.path("entries").size()).as("an aggregate served while Redis was away").isPositive();
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(8));
        assertEveryChartServed();
        List<String> genres = List.of(compose.sql("select string_agg(genre, ' ') from cache.aggregates where genre like '"
                + PREFIX + "%'").split(" "));
        // a read fills what Redis lacks; a key whose write Redis missed is repaired (deleted, then filled)
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String genre : genres) {
                compose.graphql(AGGREGATE, Map.of("genre", genre));
                String key = "tunemeld:aggregate:" + genre;
                Result cached = compose.command(Duration.ofSeconds(30), "exec", "-T", "redis", "redis-cli", "--raw", "GET", key);
                String stored = compose.sql("select body from cache.aggregates where genre = '" + genre + "'");
                assertThat(cached.output().isBlank()).as(key + " in Redis").isFalse();
                assertThat(JSON.readTree(cached.output())).as(key + ", Redis vs PostgreSQL").isEqualTo(JSON.readTree(stored));
            }
        });
        assertNoServiceRestarted();
        compose.assertNoDeadLetter();
        compose.verified("redis off the network 20 s under load", waiting + " records waiting when it went; an aggregate served from"
                + " PostgreSQL meanwhile; afterwards the " + genres.size() + " aggregates in Redis equal to PostgreSQL's,"
                + " lag 0, no dead letter, no service restarted");
    }

    /**
     * The registry is stopped, and the consumers are killed and restarted by Docker meanwhile, so they know
     * no schema and must ask the registry for every one: an edition's records wait (the registry's absence
     * is an outage, not a bad record) until it is started again, and then go through, none dead-lettered.
     */
    @Test
    @Order(6)
    void theRegistryAwayWhileConsumersStartMakesThemWaitAndDeadLettersNothing() throws Exception {
        assertThat(compose.command(Duration.ofMinutes(2), "stop", "registry").code()).isZero();
        List<String> consumers = SERVICES.subList(1, SERVICES.size());
        List<String> killed = new ArrayList<>();
        for (String service : consumers) {
            killed.add(compose.kill(service));
        }
        killed.forEach(compose::awaitRestarted);
        // published with the schema ids the ingest-service has kept
        ingestPublished(5);
        Thread.sleep(20_000);
        long waiting = waitingRecords();
        assertThat(waiting).as("records waiting for the registry").isPositive();
        assertThat(compose.command(Duration.ofMinutes(2), "start", "registry").code()).isZero();
        long back = System.nanoTime();
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(8));
        String caughtUp = ComposeProject.seconds(back);
        assertEveryChartServed();
        compose.assertNoDeadLetter();
        compose.verified("registry stopped while the consumers restarted", waiting + " records waiting after 20 s; caught up "
                + caughtUp + " after it was started; every playlist and aggregate served, no dead letter");
    }

    /** Ingests the edition and waits for the run: every playlist published. */
    private static void ingestPublished(int edition) throws Exception {
        String run = compose.ingest("/charts/edition-" + edition, "wait=true").path("id").asString();
        assertThat(compose.runOutcomes(run)).as("the run's playlists").hasSize(GENRES * 3).allMatch("PUBLISHED"::equals);
    }

    private static String address(String service) throws Exception {
        return compose.inspect(service, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}");
    }

    /** Records the consumer groups have yet to process. */
    private static long waitingRecords() throws Exception {
        try (var progress = new PipelineProgress(ComposeProject.KAFKA)) {
            return progress.lag().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void assertNoServiceRestarted() throws Exception {
        for (String service : SERVICES) {
            assertThat(compose.inspect(service, "{{.RestartCount}}")).as(service + " restarts").isEqualTo("0");
        }
    }

    /**
     * Every synthetic playlist, its entries and every genre's aggregate are in the read model, each
     * playlist from its newest snapshot.
     */
    private static void assertEveryChartServed() throws Exception {
        assertThat(compose.sql("""
                select count(*) from normalizer.latest_snapshots l join normalizer.snapshots s using (snapshot_id)
                where l.genre like '%s%%' and s.fetched_at = (select max(fetched_at) from normalizer.snapshots x
                  where x.genre = l.genre and x.service = l.service)""".formatted(PREFIX)))
                .as("playlists whose latest snapshot is their newest").isEqualTo(String.valueOf(GENRES * 3));
        assertThat(compose.sql("select count(*) || ' ' || sum(json_array_length(body->'entries')) from cache.playlists where genre like '"
                + PREFIX + "%'")).as("playlists and their entries in the read model").isEqualTo(GENRES * 3 + " " + GENRES * 3 * TRACKS);
        assertThat(compose.sql("select count(*) from cache.aggregates where genre like '" + PREFIX + "%'"))
                .as("aggregates in the read model").isEqualTo(String.valueOf(GENRES));
        JsonNode aggregate = compose.graphql(AGGREGATE, Map.of("genre", PREFIX + "00001")).path("aggregatePlaylist");
        assertThat(aggregate.path("entries").size()).as("an aggregate served by GraphQL").isPositive();
    }
}
