package io.tunemeld.local.bench;

import io.tunemeld.schemas.Topic;
import io.tunemeld.schemas.Topics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The least the design must do per entry, done with bare clients and no TuneMeld code: the Kafka records
 * the pipeline carries (a raw playlist, each entry's resolved and canonical track, the playlist's snapshot,
 * a genre's aggregate), each as large as the pipeline's own records, through the same hops (consumed, its
 * rows upserted, the next records published and awaited, then the offset committed), and the rows its
 * stages own per entry (the normalizer's entry, track-service's sighting and canonical track,
 * cache-service's track document), upserted a polled batch at a time. Stages run concurrently, as the
 * services do.
 */
final class DesignFloor {

    static final String RAW = "bench.floor-raw-playlists";
    static final String SERVICE_TRACKS = "bench.floor-service-tracks";
    static final String SNAPSHOTS = "bench.floor-playlist-snapshots";
    static final String TRACKS = "bench.floor-tracks";
    static final String AGGREGATES = "bench.floor-aggregates";
    static final List<String> TOPICS = List.of(RAW, SERVICE_TRACKS, SNAPSHOTS, TRACKS, AGGREGATES);
    static final String SCHEMA = "bench_floor";
    private static final int PARTITIONS = 3;
    /** As the normalizer polls raw payloads (they are large). */
    private static final int RAW_POLL_RECORDS = 20;

    /** Bytes of a record of each kind, as the pipeline's own topics hold them. */
    record RecordBytes(int rawPlaylist, int serviceTrack, int snapshot, int track, int aggregate) {

        /** The average record of each of the pipeline's topics on the broker, replicas counted once. */
        static RecordBytes measured(String bootstrapServers) throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                List<Topic<?>> topics = List.of(Topics.RAW_PLAYLISTS, Topics.SERVICE_TRACKS, Topics.PLAYLIST_SNAPSHOTS, Topics.TRACKS,
                        Topics.AGGREGATES);
                List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
                Map<TopicPartition, Long> bytes = new HashMap<>();
                admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(byDirectory -> byDirectory.values()
                        .forEach(directory -> directory.replicaInfos().forEach((partition, replica) -> bytes.merge(partition,
                                replica.size(), Math::max))));
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (var description : admin.describeTopics(topics.stream().map(Topic::name).toList()).allTopicNames().get().values()) {
                    description.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest());
                    });
                }
                var from = admin.listOffsets(earliest).all().get();
                var to = admin.listOffsets(latest).all().get();
                int[] average = new int[topics.size()];
                for (int t = 0; t < topics.size(); t++) {
                    String topic = topics.get(t).name();
                    long size = 0;
                    long records = 0;
                    for (TopicPartition partition : latest.keySet()) {
                        if (partition.topic().equals(topic)) {
                            size += bytes.getOrDefault(partition, 0L);
                            records += to.get(partition).offset() - from.get(partition).offset();
                        }
                    }
                    if (records == 0) {
                        throw new IllegalStateException(topic + " holds no record to measure the pipeline's record size by");
                    }
                    average[t] = (int) (size / records);
                }
                return new RecordBytes(average[0], average[1], average[2], average[3], average[4]);
            }
        }
    }

    /**
     * @param records Kafka records consumed, of every topic
     * @param rows rows in the stages' tables at the end, by table
     */
    record Result(long entries, double seconds, double entriesPerSecond, RecordBytes recordBytes, long records,
            Map<String, Long> rows) {
    }

    private final String bootstrapServers;
    private final DatabaseStatements.Superuser superuser;
    private final RecordBytes sizes;
    private final int genres;
    private final int editions;
    private final int tracks;
    private final List<String> services;
    private final Map<Integer, byte[]> values = new ConcurrentHashMap<>();

    DesignFloor(String bootstrapServers, DatabaseStatements.Superuser superuser, RecordBytes sizes, int genres, int editions, int tracks,
            List<String> services) {
        this.bootstrapServers = bootstrapServers;
        this.superuser = superuser;
        this.sizes = sizes;
        this.genres = genres;
        this.editions = editions;
        this.tracks = tracks;
        this.services = services;
    }

    Result run(Duration timeout) throws Exception {
        long entries = (long) genres * services.size() * editions * tracks;
        long playlists = (long) genres * services.size() * editions;
        long aggregates = (long) genres * editions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            RawLimits.recreateTopics(admin, TOPICS, PARTITIONS);
            createTables();
            ExecutorService threads = Executors.newFixedThreadPool(5);
            String run = "tunemeld-floor-" + System.nanoTime();
            List<String> groups = Stream.of("normalizer", "track", "aggregate", "cache").map(stage -> run + "-" + stage).toList();
            try {
                long start = System.nanoTime();
                long deadline = start + timeout.toNanos();
                var stages = new ExecutorCompletionService<Long>(threads);
                stages.submit(this::fetch);
                stages.submit(() -> consume(groups.get(0), List.of(RAW), playlists, deadline, RAW_POLL_RECORDS, this::normalize));
                stages.submit(() -> consume(groups.get(1), List.of(SERVICE_TRACKS), entries, deadline, 0, this::canonicalize));
                stages.submit(() -> consume(groups.get(2), List.of(SNAPSHOTS), playlists, deadline, 0, aggregator()));
                stages.submit(() -> consume(groups.get(3), List.of(TRACKS, AGGREGATES), entries + aggregates, deadline, 0, this::project));
                long consumed = 0;
                for (int i = 0; i < groups.size() + 1; i++) {
                    // the first to fail stops the rest
                    consumed += stages.take().get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(entries, seconds, entries / seconds, sizes, consumed, rowCounts());
            } finally {
                threads.shutdownNow();
                threads.awaitTermination(1, TimeUnit.MINUTES);
                removeAll(admin, groups);
            }
        }
    }

    /** The run's groups, topics and tables: nothing of it left to count in the operators' lag or the database. */
    private void removeAll(Admin admin, List<String> groups) throws Exception {
        for (var deleted : admin.deleteConsumerGroups(groups).deletedGroups().values()) {
            try {
                deleted.get();
            } catch (ExecutionException e) {
                // a stage that failed before it joined
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
        admin.deleteTopics(TOPICS).all().get();
        try (Connection db = superuser.connect()) {
            db.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** What a stage does with a polled batch: its rows upserted, and the records it publishes. */
    private interface Work {
        List<ProducerRecord<String, byte[]>> apply(Connection db, List<ConsumerRecord<String, byte[]>> batch) throws SQLException;
    }

    /** The ingest-service's part: a raw record per playlist. It consumes none. */
    private Long fetch() {
        try (var producer = producer()) {
            for (int e = 0; e < editions; e++) {
                for (int g = 0; g < genres; g++) {
                    for (String service : services) {
                        producer.send(new ProducerRecord<>(RAW, g + "/" + service + "/" + e, value(sizes.rawPlaylist())));
                    }
                }
            }
            producer.flush();
        }
        return 0L;
    }

    /** The normalizer's part: a playlist's entries upserted, each published, then the snapshot. */
    private List<ProducerRecord<String, byte[]>> normalize(Connection db, List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        int rows = batch.size() * tracks;
        Object[][] columns = {new String[rows], new Integer[rows], new String[rows], new String[rows], new String[rows], new Double[rows],
                new Timestamp[rows]};
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        int row = 0;
        Timestamp now = Timestamp.from(Instant.now());
        for (var record : batch) {
            String[] playlist = record.key().split("/");
            for (int i = 0; i < tracks; i++, row++) {
                String track = trackKey(playlist[0], i);
                columns[0][row] = record.key();
                columns[1][row] = i;
                columns[2][row] = track;
                columns[3][row] = isrc(playlist[0], i);
                columns[4][row] = "ISRC";
                columns[5][row] = 1.0;
                columns[6][row] = now;
                out.add(new ProducerRecord<>(SERVICE_TRACKS, track + "/" + playlist[1] + "/" + record.key(), value(sizes.serviceTrack())));
            }
            out.add(new ProducerRecord<>(SNAPSHOTS, playlist[0] + "/" + playlist[2], value(sizes.snapshot())));
        }
        upsert(db, """
                insert into %s.entries (snapshot_id, position, track_key, isrc, match_method, match_confidence, resolved_at)
                select * from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::timestamptz[])
                on conflict (snapshot_id, position) do update set track_key = excluded.track_key, isrc = excluded.isrc,
                    match_method = excluded.match_method, match_confidence = excluded.match_confidence, resolved_at = excluded.resolved_at""",
                columns, "text", "int4", "text", "text", "text", "float8", "timestamptz");
        return out;
    }

    /** Track-service's part: each entry's sighting and its canonical track upserted, the track published. */
    private List<ProducerRecord<String, byte[]>> canonicalize(Connection db, List<ConsumerRecord<String, byte[]>> batch)
            throws SQLException {
        Map<String, String[]> sightings = new LinkedHashMap<>();
        Map<String, String[]> canonical = new LinkedHashMap<>();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (var record : batch) {
            String[] key = record.key().split("/");
            String track = key[0];
            String service = key[1];
            // upserted once a statement, as a service merges a batch's repeats first
            sightings.put(track + "/" + service, new String[] {track, service, isrcOf(track), "Some Title " + track + " (feat. Someone)",
                    "Ana Berg|Hugo Rossi", "Some Album", "https://i.scdn.co/image/" + track, "https://open.spotify.com/track/" + track,
                    key[2] + "/" + key[3] + "/" + key[4]});
            canonical.put(track, new String[] {track, isrcOf(track), "Some Title " + track, "Ana Berg", "Some Album",
                    "https://i.scdn.co/image/" + track, "https://open.spotify.com/track/" + track, "https://music.apple.com/song/" + track,
                    "https://soundcloud.com/ana/" + track, null, String.join("|", services)});
            out.add(new ProducerRecord<>(TRACKS, track, value(sizes.track())));
        }
        Timestamp now = Timestamp.from(Instant.now());
        Object[][] sightingColumns = transpose(sightings.values(), 9);
        upsert(db, """
                insert into %s.sightings (track_key, service, isrc, title, artists, album, artwork_url, url, snapshot_id, seen_at)
                select k, s, i, t, string_to_array(a, '|'), al, aw, u, n, w
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                    as r(k, s, i, t, a, al, aw, u, n, w)
                on conflict (track_key, service) do update set isrc = excluded.isrc, title = excluded.title, artists = excluded.artists,
                    album = excluded.album, artwork_url = excluded.artwork_url, url = excluded.url, snapshot_id = excluded.snapshot_id,
                    seen_at = excluded.seen_at""",
                append(sightingColumns, filled(new Timestamp[sightings.size()], now)),
                "text", "text", "text", "text", "text", "text", "text", "text", "text", "timestamptz");
        upsert(db, """
                insert into %s.tracks (track_key, isrc, title, artist, album, artwork_url, spotify_url, apple_music_url, soundcloud_url,
                    youtube_url, services)
                select k, i, t, a, al, aw, sp, am, sc, yt, string_to_array(sv, '|')
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[]) as r(k, i, t, a, al, aw, sp, am, sc, yt, sv)
                on conflict (track_key) do update set isrc = excluded.isrc, title = excluded.title, artist = excluded.artist,
                    album = excluded.album, artwork_url = excluded.artwork_url, spotify_url = excluded.spotify_url,
                    apple_music_url = excluded.apple_music_url, soundcloud_url = excluded.soundcloud_url, youtube_url = excluded.youtube_url,
                    services = excluded.services""",
                transpose(canonical.values(), 11), "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text");
        return out;
    }

    /** The aggregate-service's part: a genre's aggregate once its services' snapshots of an edition are in. */
    private Work aggregator() {
        Map<String, Integer> snapshots = new HashMap<>();
        return (db, batch) -> {
            List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
            for (var record : batch) {
                if (snapshots.merge(record.key(), 1, Integer::sum) == services.size()) {
                    out.add(new ProducerRecord<>(AGGREGATES, record.key(), value(sizes.aggregate())));
                }
            }
            return out;
        };
    }

    /** The cache-service's part: each track's document upserted. */
    private List<ProducerRecord<String, byte[]>> project(Connection db, List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        Map<String, String[]> documents = new LinkedHashMap<>();
        for (var record : batch) {
            if (record.topic().equals(TRACKS)) {
                String track = record.key();
                documents.put(track, new String[] {track, isrcOf(track), """
                        {"trackKey":"%s","isrc":"%s","title":"Some Title %s","artist":"Ana Berg","album":"Some Album",\
                        "artworkUrl":"https://i.scdn.co/image/%s","links":{"spotify":"https://open.spotify.com/track/%s",\
                        "appleMusic":"https://music.apple.com/song/%s","soundcloud":"https://soundcloud.com/ana/%s"}}"""
                        .formatted(track, isrcOf(track), track, track, track, track, track), String.valueOf(record.offset())});
            }
        }
        upsert(db, """
                insert into %s.documents (track_key, isrc, body, version)
                select k, i, b::json, v::bigint from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as r(k, i, b, v)
                on conflict (track_key) do update set isrc = excluded.isrc, body = excluded.body, version = excluded.version""",
                transpose(documents.values(), 4), "text", "text", "text", "text");
        return List.of();
    }

    /**
     * Until {@code expected} records were consumed: each polled batch's work in a transaction, its records
     * published and awaited, then the offsets committed. Returns the records consumed.
     */
    private long consume(String group, List<String> topics, long expected, long deadline, int maxPollRecords, Work work)
            throws Exception {
        Properties config = RawLimits.consumerSettings(bootstrapServers, group);
        if (maxPollRecords > 0) {
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        } else {
            // as track-service and cache-service fetch under load
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        }
        long consumed = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
                var producer = producer(); Connection db = superuser.connect()) {
            db.setAutoCommit(false);
            consumer.subscribe(topics);
            while (consumed < expected) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(group + " consumed " + consumed + " of " + expected + " records in the time given");
                }
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(200));
                if (polled.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(polled.count());
                polled.forEach(batch::add);
                List<ProducerRecord<String, byte[]>> out = work.apply(db, batch);
                db.commit();
                List<Future<?>> sent = new ArrayList<>(out.size());
                out.forEach(record -> sent.add(producer.send(record)));
                producer.flush();
                for (Future<?> future : sent) {
                    future.get();
                }
                consumer.commitSync();
                consumed += batch.size();
            }
        }
        return consumed;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(RawLimits.producerSettings(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    private void createTables() throws SQLException {
        try (Connection db = superuser.connect()) {
            db.createStatement().execute("""
                    drop schema if exists %1$s cascade;
                    create schema %1$s;
                    create table %1$s.entries (snapshot_id text not null, position int not null, track_key text not null, isrc text,
                        match_method text not null, match_confidence double precision not null, resolved_at timestamptz not null,
                        primary key (snapshot_id, position));
                    create table %1$s.sightings (track_key text not null, service text not null, isrc text, title text not null,
                        artists text[] not null, album text, artwork_url text, url text, snapshot_id text not null,
                        seen_at timestamptz not null, primary key (track_key, service));
                    create table %1$s.tracks (track_key text primary key, isrc text, title text not null, artist text not null, album text,
                        artwork_url text, spotify_url text, apple_music_url text, soundcloud_url text, youtube_url text,
                        services text[] not null);
                    create table %1$s.documents (track_key text primary key, isrc text, body json not null, version bigint not null)"""
                    .formatted(SCHEMA));
        }
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = superuser.connect()) {
            for (String table : List.of("entries", "sightings", "tracks", "documents")) {
                var rows = db.createStatement().executeQuery("select count(*) from " + SCHEMA + "." + table);
                rows.next();
                counts.put(table, rows.getLong(1));
            }
        }
        return counts;
    }

    private static void upsert(Connection db, String sql, Object[][] columns, String... types) throws SQLException {
        if (columns[0].length == 0) {
            return;
        }
        try (PreparedStatement statement = db.prepareStatement(sql.formatted(SCHEMA))) {
            for (int c = 0; c < columns.length; c++) {
                Array array = db.createArrayOf(types[c], columns[c]);
                statement.setArray(c + 1, array);
            }
            statement.executeUpdate();
        }
    }

    private static Object[][] transpose(Collection<String[]> rows, int width) {
        String[][] columns = new String[width][rows.size()];
        int r = 0;
        for (String[] row : rows) {
            for (int c = 0; c < width; c++) {
                columns[c][r] = row[c];
            }
            r++;
        }
        return columns;
    }

    private static Object[][] append(Object[][] columns, Object[] column) {
        Object[][] all = new Object[columns.length + 1][];
        System.arraycopy(columns, 0, all, 0, columns.length);
        all[columns.length] = column;
        return all;
    }

    private static <T> T[] filled(T[] array, T value) {
        Arrays.fill(array, value);
        return array;
    }

    private static String trackKey(String genre, int position) {
        return "g" + genre + "t" + position;
    }

    private static String isrc(String genre, int position) {
        return isrcOf(trackKey(genre, position));
    }

    private static String isrcOf(String track) {
        return "QZT00" + "%07d".formatted(Math.floorMod(track.hashCode(), 10_000_000));
    }

    /** A record's value: random bytes, so that nothing compresses them; the same array each time, as it costs the broker the same. */
    private byte[] value(int bytes) {
        return values.computeIfAbsent(bytes, size -> {
            byte[] value = new byte[size];
            new Random(size).nextBytes(value);
            return value;
        });
    }
}
