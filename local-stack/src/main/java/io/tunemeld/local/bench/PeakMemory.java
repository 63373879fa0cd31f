package io.tunemeld.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Peak resident memory (Linux {@code VmHWM}) of the stack's processes: this JVM (the broker and the five
 * services), the registry's JVM, Redis, and PostgreSQL (a process per connection: their peaks added up).
 */
final class PeakMemory {

    /** One kind of process: how many, and the sum of their peaks. */
    record Usage(String process, int processes, long peakMegabytes) {
    }

    static final String STACK_JVM = "stack JVM (broker + 5 services)";

    private PeakMemory() {
    }

    /** Starts the JVM's heap peaks from now. */
    static void resetHeapPeak() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The JVM's peak heap use since {@link #resetHeapPeak()}, in MB. */
    static long heapPeakMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** Per kind of the stack's {@link #processes}, their peaks added up. */
    static Map<String, Usage> of(Path dataDir) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        processes(dataDir).forEach((pid, kind) -> add(usage, kind, pid));
        return usage;
    }

    /**
     * The stack's processes by pid, with their kind: this JVM first, the registry's JVM, Redis, and
     * PostgreSQL's postmaster and backends.
     *
     * @param dataDir the stack's data directory, which PostgreSQL's command lines name (pg_ctl detaches
     *     it from this process)
     */
    static Map<Long, String> processes(Path dataDir) {
        Map<Long, String> processes = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        processes.put(self, STACK_JVM);
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            all.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+")).map(Long::parseLong)
                    .filter(pid -> pid != self)
                    .forEach(pid -> commandLine(pid).ifPresent(command -> {
                        boolean ours = command.contains(dataDir.toString())
                                || ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L) == self;
                        if (ours || isPostgresBackendOf(pid, dataDir)) {
                            processes.put(pid, kind(command));
                        }
                    }));
        } catch (IOException e) {
            // not Linux: no figures
        }
        return processes;
    }

    private static String kind(String command) {
        if (command.contains("postgres")) {
            return "PostgreSQL";
        }
        if (command.contains("redis")) {
            return "Redis";
        }
        if (command.contains("apicurio") || command.contains("quarkus") || command.contains("java")) {
            return "registry JVM";
        }
        return command.split("\0")[0];
    }

    /** PostgreSQL backends are children of the postmaster, whose command line names the data directory. */
    private static boolean isPostgresBackendOf(long pid, Path dataDir) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .flatMap(parent -> commandLine(parent.pid()))
                .filter(command -> command.contains("postgres") && command.contains(dataDir.toString()))
                .isPresent();
    }

    private static void add(Map<String, Usage> usage, String kind, long pid) {
        long kilobytes = peakKilobytes(pid);
        usage.merge(kind, new Usage(kind, 1, kilobytes >> 10),
                (a, b) -> new Usage(kind, a.processes() + 1, a.peakMegabytes() + b.peakMegabytes()));
    }

    private static long peakKilobytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Optional<String> commandLine(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))).filter(c -> !c.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
