package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.local.cli.TuneMeldCli;
import io.tunemeld.local.ops.DeadLetters;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A payload that cannot be parsed goes to the dead-letter topic with the reason, and the playlists
 * around it still go through, over the same real stack as the other end-to-end tests.
 */
class DeadLetterEndToEndTest {

    private static final String GENRE = "dead-letter-check";

    @TempDir
    Path dir;

    @Test
    void aTruncatedPayloadIsDeadLetteredWithItsReasonAndTheNextPlaylistProceeds() throws Exception {
        LocalStack stack = SharedStack.get();
        write("spotify/" + GENRE + ".json", "[{\"name\": \"Cut off\", \"list_posi");
        write("apple_music/" + GENRE + ".json", """
                {"album_details": {"0": {"name": "Still Here", "artist": "Survivor &amp; Co", "album": "A",
                  "link": "https://music.apple.com/us/album/still-here/1?i=2"}}}""");
        var client = StackClient.of(stack);

        client.ingest(dir, "test");
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2))).as("caught up: %s", progress.lag()).isTrue();
        }

        ConsumerRecord<String, Object> dead = deadLetterOf(stack, GENRE + "/spotify");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("payload is not valid JSON");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.Names.RAW_PLAYLISTS);
        assertThat(((RawPlaylistFetched) dead.value()).getPayload()).as("nothing lost").startsWith("[{\"name\": \"Cut off\"");
        // what an alert on dead letters reads: the normalizer's gauge comes to the dead-letter topic's count
        long written = TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.deadLetter(Topics.Names.RAW_PLAYLISTS));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PrometheusScrape.of(stack, NormalizerApplication.NAME)
                .sum("tunemeld_kafka_dead_letters{group=\"normalizer-service\",topic=\"ingest.raw-playlists\"}")).isEqualTo(written));

        JsonNode apple = client.graphql("""
                query($genre: String!) { playlist(genre: $genre, service: APPLE_MUSIC) { entries { position track { title artist } } }
                  spotify: playlist(genre: $genre, service: SPOTIFY) { length } }""", Map.of("genre", GENRE));
        assertThat(apple.path("playlist").path("entries").get(0).path("track").path("artist").asString()).isEqualTo("Survivor & Co");
        assertThat(apple.path("spotify").isNull()).as("no snapshot from the broken payload").isTrue();

        // ./tunemeld dlt lists it with its reason, and re-drives it once to the topic it came from
        try (var deadLetters = new DeadLetters(stack.kafkaBootstrapServers())) {
            String dlt = Topics.deadLetter(Topics.Names.RAW_PLAYLISTS);
            assertThat(deadLetters.topics(null)).contains(dlt);
            var letter = deadLetters.list(dlt).stream().filter(l -> (GENRE + "/spotify").equals(l.key())).findFirst().orElseThrow();
            assertThat(letter.reason()).contains("payload is not valid JSON");
            assertThat(letter.originalTopic()).isEqualTo(Topics.Names.RAW_PLAYLISTS);
            long before = TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS);
            assertThat(TuneMeldCli.commandLine().execute("dlt", "--topic", Topics.Names.RAW_PLAYLISTS, "--bootstrap-servers",
                    stack.kafkaBootstrapServers())).as("the command's exit code while a dead letter waits").isEqualTo(1);

            int redriven = deadLetters.redrive(dlt);

            assertThat(redriven).isPositive();
            assertThat(TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS)).isEqualTo(before + redriven);
            assertThat(deadLetters.list(dlt)).filteredOn(l -> l.offset() <= letter.offset()).allMatch(DeadLetters.DeadLetter::redriven);
            assertThat(deadLetters.redrive(dlt)).as("each dead letter is re-driven once; the re-driven one may fail again")
                    .isLessThanOrEqualTo(redriven);
        }
    }

    @Test
    void aPoisonPillIsDeadLetteredAsItsOriginalBytesAndTheNextRecordProceeds() throws Exception {
        LocalStack stack = SharedStack.get();
        byte[] poison = "{not avro at all".getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.Names.RAW_PLAYLISTS, "poison-pill/spotify", poison)).get();
        }
        write("apple_music/after-the-pill.json", """
                {"album_details": {"0": {"name": "Next One", "artist": "Proceeds", "album": "A", "link": "https://music.apple.com/x"}}}""");
        StackClient.of(stack).ingest(dir, "test");
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2))).as("caught up: %s", progress.lag()).isTrue();
        }

        try (var deadLetters = new DeadLetters(stack.kafkaBootstrapServers())) {
            var letter = deadLetters.list(Topics.deadLetter(Topics.Names.RAW_PLAYLISTS)).stream()
                    .filter(l -> "poison-pill/spotify".equals(l.key())).findFirst().orElseThrow();
            assertThat(letter.value()).as("the original bytes, unchanged").isEqualTo(poison);
            assertThat(letter.reason()).isNotBlank();
        }
        JsonNode next = StackClient.of(stack).graphql(
                "{ playlist(genre: \"after-the-pill\", service: APPLE_MUSIC) { entries { track { title } } } }", Map.of());
        assertThat(next.path("playlist").path("entries").get(0).path("track").path("title").asString()).isEqualTo("Next One");
    }

    private static ConsumerRecord<String, Object> deadLetterOf(LocalStack stack, String key) {
        Map<String, Object> config = new HashMap<>(AvroSerdes.consumerConfig(stack.registryUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (var consumer = new KafkaConsumer<String, Object>(config)) {
            return TopicRecords.first(consumer, Topics.deadLetter(Topics.Names.RAW_PLAYLISTS), record -> key.equals(record.key()));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private void write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
