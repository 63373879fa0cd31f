package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
