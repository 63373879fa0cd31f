package io.tunemeld.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.Durations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as an operator meets it when something is wrong: one line saying what, and an exit code. */
class TuneMeldCliTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TuneMeldCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void anUnknownServiceIsOneLineNamingTheValidOnesAndExitCodeTwo() {
        assertThat(run("replay", "aggregat", "--from", "earliest")).isEqualTo(2);

        assertThat(err.toString()).startsWith("tunemeld replay: ").contains("unknown service 'aggregat'")
                .contains("one of normalizer, track, aggregate, cache (with or without -service)")
                .contains("Try 'tunemeld replay --help'.").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(2);
    }

    @Test
    void aServiceIsNamedShortOrInFull() {
        ServiceNames.Consuming names = new ServiceNames.Consuming();

        assertThat(names.convert("aggregate")).isEqualTo("aggregate-service");
        assertThat(names.convert("Track-Service")).isEqualTo("track-service");
    }

    @Test
    void aTimeThatIsNoneIsOneLineAndExitCodeTwo() {
        assertThat(run("replay", "cache", "--from", "yesterday")).isEqualTo(2);

        assertThat(err.toString()).contains("'yesterday' is neither earliest nor an ISO-8601 time").doesNotContain("\tat ");
    }

    @Test
    void aDurationIsReadInSpringsFormOrIso8601AndAnythingElseIsOneLineAndExitCodeTwo() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));

        assertThat(run("replay", "cache", "--from", "earliest", "--timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration (90s, 5m, 500ms or PT5M)").doesNotContain("\tat ");
        assertThat(run("bench-api", "--duration=-5s")).isEqualTo(2);
        assertThat(err.toString()).contains("'-5s' is negative");
    }

    @Test
    void durationsAreWrittenInTheLargestUnitThatReadsAtAGlance() {
        assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.format(Duration.ofMillis(42_900))).isEqualTo("42 s");
        assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Durations.format(Duration.ofMinutes(26 * 60 + 4))).isEqualTo("26 h 4 min");
        assertThat(Durations.format(Duration.ofHours(3))).isEqualTo("3 h");
    }

    @Test
    void upSaysWhichServicesStillHaveRecordsToProcess() {
        Map<String, Long> lag = new LinkedHashMap<>();
        lag.put("normalizer-service", 0L);
        lag.put("track-service", 120L);
        lag.put("cache-service", 35L);

        assertThat(UpCommand.behind(lag)).isEqualTo("track-service 120, cache-service 35");
    }

    @Test
    void anUnknownOptionIsExitCodeTwo() {
        assertThat(run("lag", "--frobnicate")).isEqualTo(2);

        assertThat(err.toString()).startsWith("tunemeld lag: Unknown option: '--frobnicate'");
    }

    @Test
    void aCommandThatFailsSaysWhyInOneLineWithoutAStackTrace() {
        // nothing listens on port 1: the replay request cannot be made
        assertThat(run("replay", "aggregate", "--from", "earliest", "--service-url", "http://127.0.0.1:1")).isEqualTo(1);

        assertThat(err.toString()).startsWith("tunemeld replay: ").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }
}
