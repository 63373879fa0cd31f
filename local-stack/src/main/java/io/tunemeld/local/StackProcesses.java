package io.tunemeld.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The processes a local stack runs besides its own JVM (the registry's JVM, redis-server, PostgreSQL),
 * which a JVM killed hard (SIGKILL, the OOM killer) cannot stop: they are written to
 * {@code <data>/stack.pids}, and a watchdog process stops them once the JVM is gone without closing the
 * stack. Should the watchdog be gone too, the next stack of the same data directory stops what is left
 * before it starts, and says so.
 */
final class StackProcesses implements AutoCloseable {

    static final String FILE = "stack.pids";
    private static final String STACK = "stack";
    /** What each kind's command line holds, so that a pid reused by another program is never stopped. */
    private static final Map<String, String> COMMANDS = Map.of(STACK, "java", "registry", "apicurio-registry", "redis", "redis",
            "postgres", "postgres");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final Process watchdog;

    private StackProcesses(Path file, Process watchdog) {
        this.file = file;
        this.watchdog = watchdog;
    }

    /**
     * Stops the processes an earlier stack of this data directory left running.
     *
     * @return what was stopped, one line each; empty when nothing was left
     * @throws IllegalStateException when that stack's JVM still runs: two stacks must not share their data
     */
    static List<String> stopStale(Path dataDir) throws IOException {
        Map<String, Long> recorded = read(dataDir.resolve(FILE));
        List<String> stopped = new ArrayList<>();
        Optional<ProcessHandle> stack = alive(STACK, recorded.get(STACK));
        if (stack.isPresent() && stack.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("a TuneMeld stack already runs on " + dataDir.toAbsolutePath() + " (pid " + stack.get().pid()
                    + "): stop it first, or use another data directory");
        }
        for (var entry : recorded.entrySet()) {
            if (entry.getKey().equals(STACK)) {
                continue;
            }
            Optional<ProcessHandle> left = alive(entry.getKey(), entry.getValue());
            if (left.isPresent()) {
                stop(left.get());
                stopped.add(entry.getKey() + " (pid " + entry.getValue() + ")");
            }
        }
        Files.deleteIfExists(dataDir.resolve(FILE));
        return stopped;
    }

    /**
     * Records this stack's processes and starts the watchdog that stops them should this JVM die without
     * closing the stack; {@link #close()} (the stack closing) ends the watchdog and the record.
     *
     * @param children each process by kind (registry, redis, postgres)
     */
    static StackProcesses watch(Path dataDir, Map<String, Long> children) throws IOException {
        return watch(dataDir, ProcessHandle.current().pid(), children);
    }

    /** As {@link #watch(Path, Map)}, for the stack whose JVM has this pid. */
    static StackProcesses watch(Path dataDir, long stack, Map<String, Long> children) throws IOException {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put(STACK, stack);
        all.putAll(children);
        Path file = dataDir.resolve(FILE);
        Files.writeString(file, all.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        String pids = children.values().stream().map(String::valueOf).collect(Collectors.joining(" "));
        // a shell of its own: it outlives a JVM killed hard, and ignores the hang-up of a closed terminal
        Process watchdog = new ProcessBuilder("sh", "-c", "trap '' HUP INT; while kill -0 " + stack
                + " 2>/dev/null; do sleep 1; done; kill " + pids + " 2>/dev/null").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new StackProcesses(file, watchdog);
    }

    static Map<String, Long> read(Path file) throws IOException {
        Map<String, Long> recorded = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] kindAndPid = line.strip().split(" ");
                if (kindAndPid.length == 2 && kindAndPid[1].matches("\\d+")) {
                    recorded.put(kindAndPid[0], Long.parseLong(kindAndPid[1]));
                }
            }
        }
        return recorded;
    }

    private static Optional<ProcessHandle> alive(String kind, Long pid) {
        if (pid == null) {
            return Optional.empty();
        }
        String expected = COMMANDS.getOrDefault(kind, kind);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().or(() -> process.info().command()).orElse("").contains(expected));
    }

    private static void stop(ProcessHandle process) {
        // SIGTERM: PostgreSQL shuts down cleanly on it (its clients died with the stack), the others too
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException stillThere) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        watchdog.destroy();
        Files.deleteIfExists(file);
    }
}
