package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.cli.TuneMeldCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tunemeld up} killed hard together with its watchdog (SIGKILL, as the OOM killer would take a
 * process group) leaves the registry JVM, redis-server and PostgreSQL running; the next {@code up} of the
 * same data directory stops them, says so, and starts; closed normally, it leaves nothing behind. (That
 * the watchdog stops them when only the JVM is killed is {@link StackProcessesTest}'s.) Runs {@code up}
 * as processes of their own, on the stack's default ports.
 */
class KilledStackEndToEndTest {

    @TempDir
    Path work;

    @Test
    void whatAStackKilledWithItsWatchdogLeftTheNextUpStopsAndAStackClosedNormallyLeavesNothing() throws Exception {
        Path data = work.resolve("data");
        Path empty = Files.createDirectories(work.resolve("no-payloads"));

        Up first = Up.start(data, empty, work.resolve("first.log"));
        assertThat(first.output()).as("the addresses up lists").contains("Web page:   http://127.0.0.1:8080/")
                .contains("GraphQL:    http://127.0.0.1:8080/graphql").contains("Ingest API: http://127.0.0.1:8091/api/runs")
                .doesNotContain("Stopped what an earlier stack");
        Map<String, Long> firstChildren = children(data);
        List<ProcessHandle> watchdogs = ProcessHandle.of(first.process.pid()).orElseThrow().children()
                .filter(child -> child.info().command().orElse("").endsWith("sh")).toList();
        assertThat(watchdogs).hasSize(1);
        watchdogs.get(0).destroyForcibly();
        first.process.destroyForcibly().waitFor();
        Thread.sleep(3_000);
        assertThat(firstChildren.values()).as("left running without their watchdog").allMatch(KilledStackEndToEndTest::alive);

        Up second = Up.start(data, empty, work.resolve("second.log"));
        assertThat(second.output()).contains("Stopped what an earlier stack of " + data.toAbsolutePath() + " left running (it was killed)")
                .contains("registry (pid " + firstChildren.get("registry") + ")").contains("redis (pid " + firstChildren.get("redis") + ")")
                .contains("postgres (pid " + firstChildren.get("postgres") + ")");
        assertThat(firstChildren.values()).noneMatch(KilledStackEndToEndTest::alive);
        Map<String, Long> secondChildren = children(data);
        second.process.destroy();
        second.process.waitFor();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> secondChildren.values().stream().noneMatch(KilledStackEndToEndTest::alive));
        assertThat(data.resolve(StackProcesses.FILE)).as("a stack closed normally leaves no record").doesNotExist();
    }

    private static Map<String, Long> children(Path data) throws IOException {
        Map<String, Long> recorded = StackProcesses.read(data.resolve(StackProcesses.FILE));
        assertThat(recorded).containsKeys("stack", "registry", "redis", "postgres");
        recorded.remove("stack");
        return recorded;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code ./tunemeld up} as a process of its own, its output in a file, started once it serves. */
    private record Up(Process process, Path log) {

        static Up start(Path data, Path payloads, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dtunemeld.registry.home=" + System.getProperty("tunemeld.registry.home", "target/apicurio-registry"),
                    "-D" + LocalStack.DURABLE_POSTGRES + "=false",
                    TuneMeldCli.class.getName(), "up", "--data-dir", data.toString(), "--from-dir", payloads.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Up up = new Up(process, log);
            Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !process.isAlive() || up.output().contains("Serving until interrupted"));
            assertThat(process.isAlive()).as("up serves; its output:%n%s", up.output()).isTrue();
            return up;
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }
}
