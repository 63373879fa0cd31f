package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

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

    /**
     * Evaluates PromQL expressions over input series as {@code promtool test rules} does (its
     * {@code promql_expr_test}s: each an {@code expr}, an {@code eval_time} and the {@code exp_samples}).
     *
     * @return promtool's complaint; empty when every expression gave what it expects
     */
    String evaluate(String interval, List<Map<String, Object>> series, List<Map<String, Object>> expressions) throws Exception {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", interval);
        test.put("input_series", series);
        test.put("promql_expr_test", expressions);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("evaluation_interval", interval);
        file.put("tests", List.of(test));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path tests = Files.createTempFile("promql-", ".yml");
        try {
            Files.writeString(tests, new Yaml(options).dump(file));
            Result run = run("test", "rules", tests.toString());
            return run.code() == 0 ? "" : run.output();
        } finally {
            Files.delete(tests);
        }
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
