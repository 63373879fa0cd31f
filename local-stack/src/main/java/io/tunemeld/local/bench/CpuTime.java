package io.tunemeld.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time spent by the stack's processes (Linux {@code /proc}), this JVM's split by what its threads do:
 * the services' own threads, the Kafka broker's, the JIT compiler's and the garbage collector's. Five
 * services and a broker in one JVM keep the JIT compiler busy long after a warm-up (each service brings
 * new types to the call sites they share), which only this split shows.
 */
final class CpuTime {

    /** Seconds of CPU time of one kind of process or thread. */
    record Share(String what, double seconds) {
    }

    /** What each kind spent between two readings, most first, and the wall-clock seconds between them. */
    record Window(List<Share> shares, double seconds) {

        static final Window NONE = new Window(List.of(), 0);

        double total() {
            return shares.stream().mapToDouble(Share::seconds).sum();
        }
    }

    /** Linux reports times in clock ticks of 1/100 s (USER_HZ, the same on every architecture Java runs on). */
    private static final double TICKS_PER_SECOND = 100;
    /** What the kinds of this JVM's threads start with, and the other processes' kinds do not. */
    private static final String THIS_JVM = "stack JVM: ";
    private static final String JIT = THIS_JVM + "JIT compiler";
    private static final String GC = THIS_JVM + "garbage collector";
    private static final String BROKER = THIS_JVM + "Kafka broker";
    private static final String SERVICES = THIS_JVM + "services (listeners, producers, Redis and HTTP clients)";
    private static final String BENCHMARK = THIS_JVM + "the benchmark's own threads (ingest calls, progress, timings)";
    private static final String EXITED = THIS_JVM + "threads that ended in the meantime";
    /**
     * The broker's threads, by the names Linux keeps (their first 15 characters); the services' Kafka
     * clients' threads are "kafka-producer-…", "kafka-admin-cli…", "kafka-coordinat…".
     */
    private static final Pattern BROKER_THREADS = Pattern.compile("data-plane-kafk.*|kafka-\\d.*|kafka-scheduler.*|kafka-log-clean.*"
            + "|group-coordinat.*|share-coordinat.*|transaction-.*|executor-.*|ExpirationReape.*|quorum-controll.*|broker-\\d.*"
            + "|controller-\\d.*|raft-.*|LogDirFailureHa.*|metrics-meter-t.*");

    /** One thread of this JVM: its kind and its CPU time so far. */
    private record ThreadTicks(String kind, long ticks) {
    }

    /** The other processes' CPU time by kind. */
    private final Map<String, Long> ticks;
    /** This JVM's threads by thread id: one that ended before the later reading must not take its time so far away. */
    private final Map<String, ThreadTicks> threads;
    private final long jvmTicks;
    private final long nanoTime = System.nanoTime();

    private CpuTime(Map<String, Long> ticks, Map<String, ThreadTicks> threads, long jvmTicks) {
        this.ticks = ticks;
        this.threads = threads;
        this.jvmTicks = jvmTicks;
    }

    /** The stack's CPU time so far (empty where there is no {@code /proc}). */
    static CpuTime now(Path dataDir) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, ThreadTicks> threads = new HashMap<>();
        long self = ProcessHandle.current().pid();
        long jvm = 0;
        for (var process : PeakMemory.processes(dataDir).entrySet()) {
            if (process.getKey() == self) {
                jvm = ticks(Path.of("/proc/self/stat"), false);
                try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                    for (Path thread : tasks.toList()) {
                        // a thread's own time only: its children's fields are the whole process's
                        threads.put(thread.getFileName().toString(), new ThreadTicks(threadKind(name(thread)), ticks(thread.resolve("stat"), false)));
                    }
                } catch (IOException e) {
                    // no per-thread figures
                }
            } else {
                // with the ended children it waited for: PostgreSQL's backends of connections closed in the meantime
                ticks.merge(process.getValue(), ticks(Path.of("/proc", process.getKey().toString(), "stat"), true), Long::sum);
            }
        }
        return new CpuTime(ticks, threads, jvm);
    }

    /** What each kind spent since the earlier reading, with what the JVM's ended threads spent. */
    Window since(CpuTime earlier) {
        Map<String, Long> spentByKind = new LinkedHashMap<>();
        ticks.forEach((kind, now) -> spentByKind.put(kind, Math.max(0, now - earlier.ticks.getOrDefault(kind, 0L))));
        long threadsSpent = 0;
        for (var thread : threads.entrySet()) {
            ThreadTicks before = earlier.threads.get(thread.getKey());
            long spent = thread.getValue().ticks() - (before == null ? 0 : before.ticks());
            threadsSpent += spent;
            spentByKind.merge(thread.getValue().kind(), spent, Long::sum);
        }
        // the process's total includes what the threads that ended after the earlier reading spent since
        spentByKind.put(EXITED, Math.max(0, jvmTicks - earlier.jvmTicks - threadsSpent));
        List<Share> shares = new ArrayList<>();
        spentByKind.forEach((kind, spent) -> shares.add(new Share(kind, spent / TICKS_PER_SECOND)));
        shares.removeIf(share -> share.seconds() == 0);
        shares.sort(Comparator.comparingDouble(Share::seconds).reversed());
        return new Window(shares, (nanoTime - earlier.nanoTime) / 1e9);
    }

    private static String threadKind(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.equals("main") || name.startsWith("bench-")) {
            return BENCHMARK;
        }
        if (BROKER_THREADS.matcher(name).matches()) {
            return BROKER;
        }
        return SERVICES;
    }

    private static String name(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * User and system time from a {@code stat} file, with that of the ended children waited for if asked; 0 for a
     * process or thread that has ended.
     */
    private static long ticks(Path stat, boolean withEndedChildren) {
        try {
            String line = Files.readString(stat);
            // the fields after the command name in parentheses, which may itself hold spaces
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withEndedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
