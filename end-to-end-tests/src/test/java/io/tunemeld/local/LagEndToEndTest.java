package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.cli.TuneMeldCli;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Lag figures against the real broker: a stopped group, a transactional topic, and the services' metrics. */
class LagEndToEndTest {

    @Test
    void aStoppedGroupShowsLagThatGrowsInRecordsAndSeconds() throws Exception {
        LocalStack stack = SharedStack.get();
        String topic = createTopic(stack, "lag-test-stopped");
        try (var producer = producer(stack, Map.of())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        try (var consumer = consumer(stack, "lag-stopped")) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)));
        }

        try (var reader = new ConsumerLagReader(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), Clock.systemUTC())) {
            var first = reader.read(List.of("lag-stopped")).get(0);
            Thread.sleep(1_200);
            var later = reader.read(List.of("lag-stopped")).get(0);

            assertThat(first.partitions()).singleElement().satisfies(p -> {
                assertThat(p.committed()).isEqualTo(2L);
                assertThat(p.end()).isEqualTo(5L);
                assertThat(p.records()).isEqualTo(3L);
            });
            assertThat(first.state()).as("no member left").isEqualTo("Empty");
            assertThat(later.records()).isEqualTo(3L);
            assertThat(later.age()).as("a stopped group's lag grows").isGreaterThanOrEqualTo(first.age().plusSeconds(1));
        }
        // ./tunemeld lag --max-lag says through its exit code whether a group is further behind
        String kafka = stack.kafkaBootstrapServers();
        assertThat(TuneMeldCli.commandLine().execute("lag", "lag-stopped", "--max-lag", "3", "--bootstrap-servers", kafka)).isZero();
        assertThat(TuneMeldCli.commandLine().execute("lag", "lag-stopped", "--max-lag", "2", "--bootstrap-servers", kafka)).isEqualTo(1);
    }

    @Test
    void transactionMarkersAreNotLag() throws Exception {
        LocalStack stack = SharedStack.get();
        String topic = createTopic(stack, "lag-test-transactional");
        try (var producer = producer(stack, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        try (var consumer = consumer(stack, "lag-transactional")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long last = -1;
            long deadline = System.currentTimeMillis() + 10_000;
            while (last < 2 && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    last = record.offset();
                }
            }
            assertThat(last).isEqualTo(2);
            // as Spring Kafka's listener containers commit: the last record's offset + 1, before the marker
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last + 1)));
        }

        try (var reader = new ConsumerLagReader(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), Clock.systemUTC())) {
            var lag = reader.read(List.of("lag-transactional")).get(0).partitions().get(0);
            assertThat(lag.end() - lag.committed()).as("the commit marker: what a naive end - committed reports").isEqualTo(1L);
            assertThat(lag.records()).isZero();
        }
    }

    @Test
    void deadLettersAreCountedPerInputTopicOverEveryPartitionOfItsDeadLetterTopic() throws Exception {
        LocalStack stack = SharedStack.get();
        String topic = createTopic(stack, "lag-test-dead-lettered");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.deadLetter(topic), 2, (short) 1))).all().get();
        }
        try (var producer = producer(stack, Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(Topics.deadLetter(topic), i % 2, "k" + i, "v" + i)).get();
            }
        }

        try (var reader = new ConsumerLagReader(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), Clock.systemUTC())) {
            assertThat(reader.deadLetters(List.of(topic, "lag-test-never-dead-lettered")))
                    .containsExactly(Map.entry(topic, 3L), Map.entry("lag-test-never-dead-lettered", 0L));
        }
    }

    @Test
    void eachConsumingServiceExportsItsLagAsPrometheusMetrics() {
        LocalStack stack = SharedStack.get();
        String url = stack.serviceUrl(NormalizerApplication.NAME) + "/actuator/prometheus";
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tunemeld_kafka_consumer_lag_records{group=\"normalizer-service\",partition=\"0\",topic=\"ingest.raw-playlists\"}")
                    .contains("tunemeld_kafka_consumer_lag_seconds{group=\"normalizer-service\"");
        });
    }

    private static String createTopic(LocalStack stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static KafkaProducer<String, String> producer(LocalStack stack, Map<String, Object> extra) {
        var config = new java.util.HashMap<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(LocalStack stack, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
