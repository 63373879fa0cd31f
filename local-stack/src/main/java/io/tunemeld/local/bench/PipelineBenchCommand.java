package io.tunemeld.local.bench;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateAdapter;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tunemeld.local.LocalStack;
import io.tunemeld.local.StackClient;
import io.tunemeld.local.StackSettings;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the whole pipeline: start a fresh embedded stack (or, with --deployed, use a running deployment),",
                "write synthetic charts in the services' native shapes (G genres x 3 services x P editions x T entries), ingest",
                "them and wait until every service has caught up. Prints entries/s end to end, p50/p95/p99 from each",
                "RawPlaylistFetched to its playlist's Redis key being written, each process's peak memory (embedded only), and,",
                "on the same broker and database in the same run, the raw Kafka produce/consume rate, the raw PostgreSQL",
                "batch-upsert rate and the design floor (the same entries' records and rows through bare clients, no TuneMeld",
                "code); writes JSON and Markdown."})
public class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--entries", defaultValue = "100000",
            description = "Playlist entries in all, rounded to whole genres (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--tracks", defaultValue = "100", description = "Entries per playlist (default: ${DEFAULT-VALUE}).")
    int tracks;

    @Option(names = "--editions", defaultValue = "1",
            description = "Editions of each playlist, ingested one after the other (default: ${DEFAULT-VALUE}).")
    int editions;

    @Option(names = "--shared", defaultValue = "0.6",
            description = "Share of a playlist's songs on all three services (default: ${DEFAULT-VALUE}).")
    double shared;

    @Option(names = "--warmup-entries", defaultValue = "10000",
            description = {"Entries of other genres ingested first and not measured, so the figures are the warm stack's",
                    "rather than the JIT compiler's (default: ${DEFAULT-VALUE}; 0 for none)."})
    int warmupEntries;

    @Option(names = "--rate", defaultValue = "0",
            description = {"Entries a second to ingest at, a genre's three playlists at a time, so the latency figures are those",
                    "of a steady load rather than of a queue (default: ${DEFAULT-VALUE}: everything at once, for the throughput)."})
    double rate;

    @Option(names = "--raw-records", defaultValue = "500000",
            description = "Records and rows for the raw Kafka and PostgreSQL rates (default: ${DEFAULT-VALUE}).")
    int rawRecords;

    @Option(names = "--timeout", defaultValue = "30m", description = "Longest wait for the pipeline (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--keep-data", description = "Keep the stack's data directory (PostgreSQL, Kafka, payloads) to look into afterwards.")
    boolean keepData;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where the results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--deployed", description = {"Measure a running deployment (docker-compose with docker-compose.bench.yml, or",
            "Kubernetes) instead of an embedded stack: Kafka at KAFKA_BOOTSTRAP_SERVERS, PostgreSQL at DB_URL as POSTGRES_USER",
            "with POSTGRES_PASSWORD (a superuser: the raw rate's scratch table), Redis at REDIS_HOST:REDIS_PORT with",
            "REDIS_PASSWORD, the ingest-service at TUNEMELD_INGEST_URL with TUNEMELD_ADMIN_TOKEN; the charts are written",
            "to --charts-dir, which the ingest-service reads as --service-charts-dir."})
    boolean deployed;

    @Option(names = "--charts-dir", defaultValue = "target/bench-charts",
            description = "With --deployed: where the charts are written (default: ${DEFAULT-VALUE}, emptied first).")
    Path chartsDir;

    @Option(names = "--service-charts-dir", defaultValue = "/bench-charts",
            description = "With --deployed: --charts-dir as the ingest-service sees it (default: ${DEFAULT-VALUE}).")
    Path serviceChartsDir;

    private final PrintStream print = System.out;

    /** Size of a resolved entry's event on the wire, about: what the raw Kafka rate is measured with. */
    private static final int EVENT_BYTES = 400;
    private static final String REDIS_PREFIX = "tunemeld:";
    private static final String PLAYLIST_KEY = REDIS_PREFIX + "playlist:";
    private static final String NOTIFICATIONS = "notify-keyspace-events";
    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(10);
    private static final int TOP_STATEMENTS = 8;

    /**
     * What the benchmark measures: where the broker, database, Redis and ingest-service are, how a chart
     * directory is named to the ingest-service, and the stack's processes (embedded only).
     */
    private record Target(String kafka, DatabaseStatements.Superuser superuser, RedisURI redis, StackClient client,
            Function<Path, Path> asIngestSees, Path processes) {
    }

    @Override
    public Integer call() throws Exception {
        int perGenre = SyntheticCharts.SERVICES.size() * editions * tracks;
        // a deployment keeps what earlier runs ingested: new genres and songs each run, or the charts would come UNCHANGED
        String run = deployed ? "%06d".formatted(System.currentTimeMillis() / 1000 % 1_000_000) : "";
        long seed = deployed ? System.currentTimeMillis() : 0;
        SyntheticCharts charts = new SyntheticCharts("bench" + run, Math.max(1, (int) Math.round((double) entries / perGenre)), editions,
                tracks, shared, 42 + seed);
        SyntheticCharts warmup = new SyntheticCharts("warmup" + run, (int) Math.round((double) warmupEntries / perGenre), editions, tracks,
                shared, 7 + seed);
        Path data = deployed ? chartsDir.toAbsolutePath() : Files.createTempDirectory("tunemeld-bench-");
        if (deployed && Files.isDirectory(data)) {
            // emptied, not removed: the ingest-service's container has the directory itself mounted
            try (var earlier = Files.list(data)) {
                for (Path path : earlier.toList()) {
                    FileSystemUtils.deleteRecursively(path);
                }
            }
        }
        print.printf("Writing %,d entries: %d genres x %d services x %d editions x %d entries ...%n", charts.entries(),
                charts.genres(), SyntheticCharts.SERVICES.size(), editions, tracks);
        List<Path> editionDirectories = charts.write(data.resolve("payloads"));
        List<Path> warmupDirectories = warmup.genres() == 0 ? List.of() : warmup.write(data.resolve("warmup"));
        if (deployed) {
            Map<String, String> env = System.getenv();
            RedisURI.Builder redis = RedisURI.builder().withHost(env.getOrDefault("REDIS_HOST", "127.0.0.1"))
                    .withPort(Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379")));
            if (!env.getOrDefault("REDIS_PASSWORD", "").isEmpty()) {
                redis.withPassword(env.get("REDIS_PASSWORD").toCharArray());
            }
            String dbUrl = env.getOrDefault("DB_URL", "jdbc:postgresql://127.0.0.1:5432/tunemeld");
            DatabaseStatements.Superuser superuser = () -> DriverManager.getConnection(dbUrl, env.getOrDefault("POSTGRES_USER", "postgres"),
                    env.getOrDefault("POSTGRES_PASSWORD", ""));
            StackClient client = new StackClient(env.getOrDefault("TUNEMELD_INGEST_URL", "http://127.0.0.1:8091"), null,
                    env.get("TUNEMELD_ADMIN_TOKEN"));
            print.println("Measuring the deployment at " + dbUrl + ", Kafka " + env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                    + "; the charts in " + data + " (" + serviceChartsDir + " to the ingest-service) ...");
            measure(new Target(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), superuser, redis.build(), client,
                    path -> serviceChartsDir.resolve(data.relativize(path)), null), charts, warmup, editionDirectories, warmupDirectories);
            return 0;
        }
        Path registryHome = Path.of(System.getProperty("tunemeld.registry.home", "local-stack/target/apicurio-registry"));
        print.println("Starting a fresh embedded stack in " + data + " ...");
        StackSettings settings = StackSettings.fromEnvironment(data, registryHome, StackSettings.Ports.free(), Map.of())
                .withServiceProperties(Map.of(
                        // no external API in a benchmark, whatever the environment holds
                        "tunemeld.spotify.client-id", "",
                        "tunemeld.youtube.api-key", "",
                        "tunemeld.soundcloud.rapidapi-key", "",
                        "tunemeld.rapidapi.key", "",
                        "tunemeld.ingest.schedule", "-",
                        "tunemeld.view-counts.schedule", "-"));
        try (LocalStack stack = LocalStack.start(settings)) {
            measure(new Target(stack.kafkaBootstrapServers(), stack::superuser, stack.redisUri(), StackClient.of(stack), path -> path, data),
                    charts, warmup, editionDirectories, warmupDirectories);
        } finally {
            if (keepData) {
                print.println("The stack's data is kept in " + data);
            } else {
                FileSystemUtils.deleteRecursively(data);
            }
        }
        return 0;
    }

    private void measure(Target target, SyntheticCharts charts, SyntheticCharts warmup, List<Path> editionDirectories,
            List<Path> warmupDirectories) throws Exception {
        print.printf("Raw limits: %,d records and rows ...%n", rawRecords);
        List<RawLimits.Rate> raw = new ArrayList<>(RawLimits.kafka(target.kafka(), rawRecords, EVENT_BYTES, 3));
        raw.add(RawLimits.postgres(target.superuser(), rawRecords));
        raw.forEach(rate -> print.printf("  %s: %,.0f/s%n", rate.what(), rate.perSecond()));
        print.println("  (PostgreSQL " + DatabaseStatements.durability(target.superuser())
                + ": the raw rates and the pipeline run on the same server and settings)");

        if (!warmupDirectories.isEmpty()) {
            print.printf("Warming up with %,d entries of other genres ...%n", warmup.entries());
            for (Path edition : warmupDirectories) {
                target.client().ingest(target.asIngestSees().apply(edition), "bench-warmup");
            }
            PipelineProgress.requireCaughtUp(target.kafka(), timeout);
        }
        DatabaseStatements.analyze(target.superuser());
        PeakMemory.resetHeapPeak();
        DatabaseStatements.reset(target.superuser());
        // a paced run ingests genre by genre: laid out before the clock starts
        List<Path> runs = new ArrayList<>();
        for (Path edition : editionDirectories) {
            runs.addAll(rate > 0 ? charts.byGenre(edition) : List.of(edition));
        }
        Path processes = target.processes();
        CpuTime cpuBefore = processes == null ? null : CpuTime.now(processes);
        try (RedisWrites writes = new RedisWrites(target.redis()); RawPlaylistTimes fetched = new RawPlaylistTimes(target.kafka())) {
            print.printf("Ingesting %d playlists%s ...%n", charts.playlists(), rate > 0 ? " at %,.0f entries/s".formatted(rate) : "");
            long start = System.currentTimeMillis();
            ingest(target, runs, SyntheticCharts.SERVICES.size() * charts.tracks());
            long ingested = System.currentTimeMillis();
            Map<String, Instant> lastBehind = new LinkedHashMap<>();
            PipelineProgress.requireCaughtUp(target.kafka(), timeout, lastBehind);
            // a group is caught up once the last Redis writes are done, not once their notifications arrived here
            fetched.awaitWritten(writes, NOTIFICATION_WAIT);
            long end = writes.last();
            if (end == 0) {
                throw new IllegalStateException("no write to Redis was seen: its keyspace notifications are off and it refuses CONFIG;"
                        + " start it with notify-keyspace-events K$");
            }
            CpuTime.Window cpu = CpuTime.Window.NONE;
            Map<String, PeakMemory.Usage> memory = Map.of();
            if (processes != null) {
                cpu = CpuTime.now(processes).since(cpuBefore);
                memory = PeakMemory.of(processes);
            }
            Timing timing = fetched.timing(writes);
            Map<String, Double> busySeconds = new LinkedHashMap<>();
            lastBehind.forEach((group, at) -> busySeconds.put(group, (at.toEpochMilli() - start) / 1000.0));
            Map<String, Long> counts = check(target.superuser(), charts);
            DatabaseStatements.Top statements = DatabaseStatements.top(target.superuser(), TOP_STATEMENTS);
            DesignFloor.Result floor = null;
            CpuTime.Window floorCpu = CpuTime.Window.NONE;
            if (rate == 0) {
                print.printf("The design floor: the same %,d entries' records and rows through bare clients ...%n", charts.entries());
                DesignFloor design = new DesignFloor(target.kafka(), target.superuser(), DesignFloor.RecordBytes.measured(target.kafka()),
                        charts.genres(), charts.editions(), charts.tracks(), SyntheticCharts.SERVICES);
                CpuTime floorBefore = processes == null ? null : CpuTime.now(processes);
                floor = design.run(timeout);
                if (processes != null) {
                    floorCpu = CpuTime.now(processes).since(floorBefore);
                }
            }
            report(charts, raw, floor, start, ingested, end, timing, memory, counts, statements, busySeconds, cpu, floorCpu);
        }
    }

    /**
     * One ingest run per directory: one after the other, or, paced, each at its time on a fixed schedule
     * (a run that takes longer delays the next, and the schedule catches up without sleeping).
     */
    private void ingest(Target target, List<Path> runs, int entriesPerRun) throws Exception {
        long interval = rate > 0 ? Math.round(1e9 * entriesPerRun / rate) : 0;
        long next = System.nanoTime();
        for (Path run : runs) {
            TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
            target.client().ingest(target.asIngestSees().apply(run), "bench");
            next += interval;
        }
    }

    /** The read model's playlists and aggregates of the measured genres: every one there, or the run does not count. */
    private static Map<String, Long> check(DatabaseStatements.Superuser superuser, SyntheticCharts charts) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var db = superuser.connect()) {
            // the warm-up's genres left out; tracks have no genre: track.tracks counts the warm-up's too
            for (String table : List.of("cache.playlists", "cache.aggregates", "normalizer.snapshots", "track.tracks")) {
                var rows = db.createStatement().executeQuery("select count(*) from " + table
                        + (table.equals("track.tracks") ? "" : " where genre like '" + charts.prefix() + "%'"));
                rows.next();
                counts.put(table, rows.getLong(1));
            }
        }
        if (counts.get("cache.playlists") != (long) charts.genres() * SyntheticCharts.SERVICES.size()
                || counts.get("cache.aggregates") != charts.genres()) {
            throw new IllegalStateException("the read model is incomplete: " + counts);
        }
        return counts;
    }

    private void report(SyntheticCharts charts, List<RawLimits.Rate> raw, DesignFloor.Result floor, long start, long ingested, long end,
            Timing timing, Map<String, PeakMemory.Usage> memory, Map<String, Long> counts, DatabaseStatements.Top statements,
            Map<String, Double> busySeconds, CpuTime.Window cpu, CpuTime.Window floorCpu) throws Exception {
        double seconds = (end - start) / 1000.0;
        double perSecond = charts.entries() / seconds;
        double upserts = raw.get(2).perSecond();
        long[] sorted = timing.latencies().stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = ApiBenchCommand.percentileOf(sorted, 0.50);
        long p95 = ApiBenchCommand.percentileOf(sorted, 0.95);
        long p99 = ApiBenchCommand.percentileOf(sorted, 0.99);
        StringBuilder markdown = new StringBuilder();
        markdown.append("| pipeline | figure |\n|---|---:|\n");
        markdown.append("| entries | %,d (%d genres x 3 services x %d editions x %d) |%n".formatted(charts.entries(), charts.genres(),
                charts.editions(), charts.tracks()));
        markdown.append("| time, first ingest to last Redis write | %.1f s (ingest runs: %.1f s) |%n".formatted(seconds,
                (ingested - start) / 1000.0));
        markdown.append("| entries/s end to end | %,.0f |%n".formatted(perSecond));
        double ingestPerSecond = charts.entries() / ((ingested - start) / 1000.0);
        if (rate > 0) {
            markdown.append("| paced ingest, asked / kept | %,.0f / %,.0f entries/s |%n".formatted(rate, ingestPerSecond));
        }
        markdown.append("| RawPlaylistFetched to playlist key in Redis, p50 / p95 / p99 | %,d / %,d / %,d ms (%d playlists) |%n"
                .formatted(p50, p95, p99, sorted.length));
        if (!timing.untimed().isEmpty()) {
            markdown.append("| playlist editions not timed | %d of %d |%n".formatted(timing.untimed().size(), timing.editions()));
        }
        if (!busySeconds.isEmpty()) { // none when every group had caught up by the end of the ingest runs (a paced run)
            markdown.append("%n| consumer group | last seen behind, s after the first ingest |%n|---|---:|%n".formatted());
            busySeconds.forEach((group, busy) -> markdown.append("| %s | %.1f |%n".formatted(group, busy)));
        }
        markdown.append("%n| raw limit, same broker and database | count | per second |%n|---|---:|---:|%n".formatted());
        raw.forEach(rate -> markdown.append("| %s | %,d | %,.0f |%n".formatted(rate.what(), rate.count(), rate.perSecond())));
        if (floor == null) {
            markdown.append("%nA paced run: its entries/s is the pace, not the pipeline's limit (that is a run without --rate).%n".formatted());
        } else {
            markdown.append(("%n| design floor: the same entries' records and rows through bare clients, same broker and database | figure |"
                    + "%n|---|---:|%n").formatted());
            markdown.append("| entries/s | %,.0f (%.1f s) |%n".formatted(floor.entriesPerSecond(), floor.seconds()));
            DesignFloor.RecordBytes bytes = floor.recordBytes();
            markdown.append(("| record bytes as the pipeline's: raw playlist, resolved track, snapshot, canonical track, aggregate"
                    + " | %,d, %,d, %,d, %,d, %,d |%n").formatted(bytes.rawPlaylist(), bytes.serviceTrack(), bytes.snapshot(), bytes.track(), bytes.aggregate()));
            markdown.append("| records consumed; rows at the end | %,d; %s |%n".formatted(floor.records(), floor.rows()));
            markdown.append("%nEntries/s over the design floor: %.3f (target at least 0.5); over the raw PostgreSQL upsert rate: %.3f.%n"
                    .formatted(perSecond / floor.entriesPerSecond(), perSecond / upserts));
        }
        if (deployed) {
            markdown.append("%nA deployment: its processes' CPU time and memory are not measured here. Rows afterwards: %s. %d cores;"
                    .formatted(counts, Runtime.getRuntime().availableProcessors()));
            markdown.append(" the deployment and the generator share this machine.\n");
        } else {
            cpuTable(markdown, "CPU time from the first ingest until caught up", cpu, charts.entries());
            if (floor != null) {
                cpuTable(markdown, "CPU time of the design floor", floorCpu, charts.entries());
                markdown.append("The services are idle then: the stack JVM's services and benchmark rows are the floor's Kafka clients"
                        + " and stages.\n");
            }
            markdown.append("%n| process | processes | peak resident MB |%n|---|---:|---:|%n".formatted());
            memory.values().forEach(m -> markdown.append("| %s | %d | %,d |%n".formatted(m.process(), m.processes(), m.peakMegabytes())));
            markdown.append("%nStack JVM heap peak during the run: %,d MB. Rows afterwards: %s. %d cores; the stack and the"
                    .formatted(PeakMemory.heapPeakMegabytes(), counts, Runtime.getRuntime().availableProcessors()));
            markdown.append(" generator share this machine.\n");
        }
        if (!statements.statements().isEmpty()) {
            markdown.append("%n| PostgreSQL statements by time during the run | calls | rows | total ms | mean ms | µs a row |%n|---|---:|---:|---:|---:|---:|%n".formatted());
            statements.statements().forEach(st -> markdown.append("| `%s` | %,d | %,d | %,.0f | %,.2f | %s |%n".formatted(st.query().replace("|", "\\|"),
                    st.calls(), st.rows(), st.totalMs(), st.meanMs(), st.rows() == 0 ? "" : "%,.1f".formatted(1000 * st.totalMs() / st.rows()))));
            DatabaseStatements.Totals all = statements.all();
            markdown.append("%nEvery statement during the run: %,d kinds, %,d calls, %,d rows, %,.0f ms executing (the above: %.0f%%).%n"
                    .formatted(all.kinds(), all.calls(), all.rows(), all.totalMs(),
                            100 * statements.statements().stream().mapToDouble(DatabaseStatements.Statement::totalMs).sum() / all.totalMs()));
        }
        print.println();
        print.print(markdown);
        timing.untimed().forEach(untimed -> print.printf("Not timed: %s, fetched at %s: %s%n", untimed.playlist(), untimed.fetchedAt(),
                untimed.reason()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("pipeline-bench.md"), markdown);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entries", charts.entries());
        json.put("genres", charts.genres());
        json.put("editions", charts.editions());
        json.put("tracksPerPlaylist", charts.tracks());
        json.put("sharedShare", charts.shared());
        json.put("seconds", seconds);
        json.put("ingestSeconds", (ingested - start) / 1000.0);
        json.put("entriesPerSecond", perSecond);
        json.put("latencyMs", Map.of("p50", p50, "p95", p95, "p99", p99, "playlists", sorted.length));
        json.put("playlistEditions", timing.editions());
        json.put("untimed", timing.untimed());
        json.put("lastBehindSeconds", busySeconds);
        json.put("raw", raw);
        if (floor == null) {
            json.put("pacedEntriesPerSecond", Map.of("asked", rate, "kept", ingestPerSecond));
        } else {
            json.put("designFloorEntriesPerSecond", floor.entriesPerSecond());
            json.put("entriesPerSecondOverDesignFloor", perSecond / floor.entriesPerSecond());
            json.put("designFloor", floor);
            json.put("entriesPerSecondOverRawUpserts", perSecond / upserts);
        }
        json.put("target", deployed ? "deployed" : "embedded");
        if (!deployed) {
            json.put("cpuSeconds", cpu.shares());
            json.put("cpuWindowSeconds", cpu.seconds());
            if (floor != null) {
                json.put("designFloorCpuSeconds", floorCpu.shares());
                json.put("designFloorCpuWindowSeconds", floorCpu.seconds());
            }
            json.put("peakMemory", memory.values());
            json.put("heapPeakMegabytes", PeakMemory.heapPeakMegabytes());
        }
        json.put("rows", counts);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("statements", statements.statements());
        json.put("allStatements", statements.all());
        Files.writeString(out.resolve("pipeline-bench.json"), JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        print.println("Written: " + out.resolve("pipeline-bench.json").toAbsolutePath() + " and pipeline-bench.md");
    }

    private static void cpuTable(StringBuilder markdown, String title, CpuTime.Window cpu, long entries) {
        double total = cpu.total();
        markdown.append("%n| %s (%.1f s) | s | share |%n|---|---:|---:|%n".formatted(title, cpu.seconds()));
        cpu.shares().forEach(share -> markdown.append("| %s | %.1f | %.0f%% |%n".formatted(share.what(), share.seconds(),
                100 * share.seconds() / total)));
        markdown.append("%nIn all %.1f s of CPU time: %.2f of the %d cores on average, %,.0f µs an entry.%n".formatted(total,
                total / cpu.seconds(), Runtime.getRuntime().availableProcessors(), 1e6 * total / entries));
    }

    /**
     * What was timed: the playlist editions seen fetched, their latencies, and those not timed.
     *
     * @param editions RawPlaylistFetched records seen during the run
     */
    record Timing(int editions, List<Long> latencies, List<Untimed> untimed) {
    }

    /** @param inRedis whether the playlist's key is in Redis at the end */
    record Untimed(String playlist, Instant fetchedAt, boolean inRedis, String reason) {
    }

    /** When each Redis key of the read model was written, from Redis's own keyspace notifications. */
    private static final class RedisWrites implements AutoCloseable {

        private final RedisClient client;
        private final StatefulRedisPubSubConnection<String, String> connection;
        private final Map<String, List<Long>> writes = new ConcurrentHashMap<>();
        private final AtomicLong last = new AtomicLong();
        /** Times a connection to Redis dropped: the notifications sent meanwhile are lost (pub/sub keeps none). */
        private final AtomicInteger dropped = new AtomicInteger();
        /** The server's own setting, put back at the end; null where CONFIG is off. */
        private final String notifications;

        RedisWrites(RedisURI redis) {
            client = RedisClient.create(redis);
            String before;
            try (var admin = client.connect()) {
                before = admin.sync().configGet(NOTIFICATIONS).getOrDefault(NOTIFICATIONS, "");
                admin.sync().configSet(NOTIFICATIONS, before + "K$");
            } catch (RedisCommandExecutionException e) {
                // CONFIG off (the local stack's Redis, which has these notifications on from its start)
                before = null;
            }
            notifications = before;
            client.addListener(new RedisConnectionStateAdapter() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> channel) {
                    dropped.incrementAndGet();
                }
            });
            connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    if ("set".equals(message)) {
                        long now = System.currentTimeMillis();
                        String key = channel.substring(channel.indexOf(':') + 1);
                        writes.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(now);
                        last.accumulateAndGet(now, Math::max);
                    }
                }
            });
            connection.sync().psubscribe("__keyspace@0__:" + REDIS_PREFIX + "*");
        }

        /** The first write of the key at or after the time, if any. */
        Long firstWrite(String key, long notBefore) {
            return of(key).stream().filter(at -> at >= notBefore).findFirst().orElse(null);
        }

        boolean holds(String key) {
            try (var connection = client.connect()) {
                return connection.sync().exists(key) > 0;
            }
        }

        List<Long> of(String key) {
            return writes.getOrDefault(key, List.of());
        }

        long last() {
            return last.get();
        }

        int dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            connection.close();
            if (notifications != null) {
                try (var admin = client.connect()) {
                    admin.sync().configSet(NOTIFICATIONS, notifications);
                }
            }
            client.shutdown();
        }
    }

    /** When each RawPlaylistFetched was written (its record's timestamp), read as it happens. */
    private static final class RawPlaylistTimes implements AutoCloseable {

        private record Fetched(String playlist, long at) {
        }

        private final List<Fetched> fetched = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        RawPlaylistTimes(String bootstrapServers) {
            var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW_PLAYLISTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> fetched.add(new Fetched(r.key(), r.timestamp())));
                    }
                }
            }, "bench-raw-playlists");
            reader.start();
        }

        /** Until every playlist edition's Redis write was seen, or the time is up. */
        void awaitWritten(RedisWrites writes, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (timed(writes) < fetched.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        private long timed(RedisWrites writes) {
            return fetched.stream().filter(f -> writes.firstWrite(key(f), f.at()) != null).count();
        }

        /**
         * Per playlist edition, its record's time to the first write of its Redis key after it; and the
         * editions no write of their key followed, each with what tells why.
         */
        Timing timing(RedisWrites writes) {
            List<Long> latencies = new ArrayList<>();
            List<Untimed> untimed = new ArrayList<>();
            for (Fetched f : fetched) {
                Long written = writes.firstWrite(key(f), f.at());
                if (written != null) {
                    latencies.add(written - f.at());
                } else {
                    untimed.add(untimed(f, writes));
                }
            }
            return new Timing(fetched.size(), latencies, untimed);
        }

        private static Untimed untimed(Fetched f, RedisWrites writes) {
            Instant at = Instant.ofEpochMilli(f.at());
            if (!writes.holds(key(f))) {
                return new Untimed(f.playlist(), at, false, "not in Redis: not written after its fetch, or a write Redis refused, which the"
                        + " cache-service repairs by deleting the key (it is read from PostgreSQL then)");
            }
            String seen = "its key is in Redis, written at " + writes.of(key(f)).stream().map(Instant::ofEpochMilli).toList();
            return new Untimed(f.playlist(), at, true, writes.dropped() > 0
                    ? seen + "; the connection that hears of writes dropped " + writes.dropped() + " times, losing what was said meanwhile"
                    : seen + "; no write after its fetch was heard of");
        }

        private static String key(Fetched f) {
            return PLAYLIST_KEY + f.playlist().replace('/', ':');
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join();
        }
    }
}
