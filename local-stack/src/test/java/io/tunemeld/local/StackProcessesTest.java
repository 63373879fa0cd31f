package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog a stack starts beside its JVM, with processes standing in for the JVM and a server it runs:
 * the JVM gone without closing the stack, the watchdog stops the server; the stack closed, the watchdog
 * ends with the record and stops nothing.
 */
class StackProcessesTest {

    @TempDir
    Path data;

    private final Process jvm = sleeper();
    private final Process server = sleeper();

    @AfterEach
    void stop() {
        jvm.destroyForcibly();
        server.destroyForcibly();
    }

    @Test
    void theJvmKilledHardItsWatchdogStopsTheServers() throws Exception {
        StackProcesses.watch(data, jvm.pid(), Map.of("redis", server.pid()));
        assertThat(StackProcesses.read(data.resolve(StackProcesses.FILE))).containsEntry("stack", jvm.pid()).containsEntry("redis", server.pid());

        jvm.destroyForcibly().waitFor();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive());
    }

    @Test
    void theStackClosedTheWatchdogEndsWithTheRecordAndStopsNothing() throws Exception {
        StackProcesses.watch(data, jvm.pid(), Map.of("redis", server.pid())).close();
        assertThat(data.resolve(StackProcesses.FILE)).doesNotExist();

        jvm.destroyForcibly().waitFor();
        Thread.sleep(2_500);

        assertThat(server.isAlive()).as("the server, which the closed stack stops itself").isTrue();
    }

    private static Process sleeper() {
        try {
            return new ProcessBuilder("sleep", "600").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
