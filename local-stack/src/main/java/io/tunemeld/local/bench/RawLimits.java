package io.tunemeld.local.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What this machine's broker and database do with no TuneMeld code in the way, measured on the stack's
 * own broker and database: the yardsticks of the pipeline's figures.
 */
final class RawLimits {

    /** Written and read only here, to measure the broker with no service in the way. */
    static final String BASELINE_TOPIC = "bench.baseline-records";

    /** How many of something in how long. */
    record Rate(String what, long count, double seconds, double perSecond) {

        static Rate of(String what, long count, long startNanos) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new Rate(what, count, seconds, count / seconds);
        }
    }

    /** Rows written per upsert statement, the batch size a service would use. */
    static final int UPSERT_BATCH = 1000;

    private RawLimits() {
    }

    /**
     * Produces records of about the size of a resolved entry's event (acks=all, batched), then reads
     * them all back.
     */
    static List<Rate> kafka(String bootstrapServers, int records, int recordBytes, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            recreateTopics(admin, List.of(BASELINE_TOPIC), partitions);
            try {
                return kafka(bootstrapServers, records, recordBytes);
            } finally {
                admin.deleteTopics(List.of(BASELINE_TOPIC)).all().get();
            }
        }
    }

    /**
     * Topics made anew, replicated as the broker replicates the pipeline's topics (three times in a cluster),
     * so that both pay the same; new each time: a deployment is measured more than once, and a read must not
     * count an earlier run's records.
     */
    static void recreateTopics(Admin admin, List<String> topics, int partitions) throws Exception {
        try {
            admin.deleteTopics(topics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (String topic : topics) {
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
                    break;
                } catch (ExecutionException e) {
                    // a deleted topic's name is taken until the brokers have removed it
                    if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** Acknowledged by every replica, batched: how the raw rates and the design floor produce. */
    static Properties producerSettings(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        return config;
    }

    /** A consumer of its own group reading from the start and committing only when told: the raw rates' and the design floor's. */
    static Properties consumerSettings(String bootstrapServers, String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static List<Rate> kafka(String bootstrapServers, int records, int recordBytes) {
        byte[] value = new byte[recordBytes];
        new Random(1).nextBytes(value);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(producerSettings(bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(BASELINE_TOPIC, "key-" + (i % 10_000), value));
            }
            producer.flush();
        }
        Rate produced = Rate.of("Kafka produce (" + recordBytes + "-byte records, acks=all)", records, start);

        Properties consumerConfig = consumerSettings(bootstrapServers, "tunemeld-bench-" + System.nanoTime());
        long read = 0;
        start = System.nanoTime();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(BASELINE_TOPIC));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return List.of(produced, Rate.of("Kafka consume", read, start));
    }

    /**
     * Upserts rows shaped like a service's sightings (8 columns, an array among them) into a scratch
     * table, {@link #UPSERT_BATCH} rows a statement through {@code unnest} of arrays, first as new rows, then
     * all again as updates.
     */
    static Rate postgres(DatabaseStatements.Superuser superuser, int rows) throws Exception {
        try (Connection db = superuser.connect()) {
            db.createStatement().execute("""
                    create schema if not exists bench;
                    drop table if exists bench.upserts;
                    create table bench.upserts (track_key text, service text, isrc text, title text, artists text[],
                        url text, seen_at timestamptz, snapshot_id text, primary key (track_key, service))""");
            db.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement upsert = db.prepareStatement("""
                    insert into bench.upserts (track_key, service, isrc, title, artists, url, seen_at, snapshot_id)
                    select k, s, i, t, string_to_array(a, '|'), u, w, n
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                        as r(k, s, i, t, a, u, w, n)
                    on conflict (track_key, service) do update set isrc = excluded.isrc, title = excluded.title,
                        artists = excluded.artists, url = excluded.url, seen_at = excluded.seen_at, snapshot_id = excluded.snapshot_id""")) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int from = 0; from < rows / 2; from += UPSERT_BATCH) {
                        int size = Math.min(UPSERT_BATCH, rows / 2 - from);
                        String[][] columns = new String[7][size];
                        Timestamp[] seen = new Timestamp[size];
                        for (int i = 0; i < size; i++) {
                            int n = from + i;
                            columns[0][i] = "QZT0025" + "%05d".formatted(n % 100_000) + n;
                            columns[1][i] = "spotify";
                            columns[2][i] = columns[0][i];
                            columns[3][i] = "Some Title " + n + " (feat. Someone)";
                            columns[4][i] = "Ana Berg|Hugo Rossi";
                            columns[5][i] = "https://open.spotify.com/track/" + n;
                            columns[6][i] = "snapshot-" + pass;
                            seen[i] = Timestamp.from(Instant.now());
                        }
                        for (int c = 0; c < 6; c++) {
                            upsert.setArray(c + 1, db.createArrayOf("text", columns[c]));
                        }
                        upsert.setArray(7, db.createArrayOf("timestamptz", seen));
                        upsert.setArray(8, db.createArrayOf("text", columns[6]));
                        upsert.executeUpdate();
                        db.commit();
                    }
                }
            }
            Rate rate = Rate.of("PostgreSQL batch upsert (" + UPSERT_BATCH + " rows a statement, unnest; half inserts, half updates)",
                    2L * (rows / 2), start);
            db.setAutoCommit(true);
            db.createStatement().execute("drop schema bench cascade");
            return rate;
        }
    }
}
