package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's promtool: {@code PROMTOOL}, or promtool on the PATH. {@code .ci/run} unpacks it from Debian's
 * prometheus package; elsewhere a test that needs it skips saying why, and under {@code TUNEMELD_CI=1} fails.
 */
record Promtool(String command) {

    record Result(int code, String output) {
    }

    /** The tool, or the calling test aborted (failed in CI) when there is none. */
    static Promtool require(String test) {
        String command = System.getenv().getOrDefault("PROMTOOL", "promtool");
        String missing = null;
        try {
            Process version = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (version.waitFor() != 0) {
                missing = command + " --version failed";
            }
        } catch (IOException | InterruptedException e) {
            missing = "no promtool (" + e.getMessage() + ")";
        }
        if (missing != null) {
            System.out.println(test + " skipped: " + missing);
            assertThat("1".equals(System.getenv("TUNEMELD_CI"))).as("TUNEMELD_CI=1, but " + missing).isFalse();
            Assumptions.abort(missing);
        }
        return new Promtool(command);
    }

    Result run(String... arguments) throws Exception {
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(arguments));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).as("promtool ended").isTrue();
        return new Result(run.exitValue(), output);
    }
}
