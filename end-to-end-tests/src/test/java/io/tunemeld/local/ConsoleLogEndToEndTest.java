package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The local stack's console, where five services share one JVM's log: each line says which service wrote
 * it, and a line written while a record was processed carries its trace and span ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleLogEndToEndTest {

    private static final String GENRE = "console";
    /** A console line: time, level, the service's column, [thread], optional [traceId-spanId], logger : message. */
    private static final Pattern LINE = Pattern.compile(
            "^\\S+\\s+(?<level>[A-Z]+) (?<service>.{18}) \\[.{15}\\] (?:\\[(?<trace>[^\\]]*)\\] )?(?<logger>\\S+)\\s*: (?<message>.*)$");
    /** A logger of a service's own classes, its package possibly abbreviated: the service is in the third part. */
    private static final Pattern SERVICE_LOGGER = Pattern.compile("^io?\\.t(?:unemeld)?\\.(ingest|normalizer|track|aggregate|cache)\\..*");

    @Test
    void eachLineNamesItsServiceAndALineWrittenForARecordItsTrace(CapturedOutput output) throws Exception {
        Path payloads = PayloadDirectory.create("console").with("spotify", GENRE, """
                [{"name": "Console Bell", "artists": ["Ilse Marrow"], "artist": "Ilse Marrow", "album_name": "Bell",
                  "song_id": "9Zconsole0000000000001", "url": "https://open.spotify.com/track/9Zconsole0000000000001",
                  "isrc": "QZCNS2600001", "list_position": 1, "list_length": 1}]""").path();
        StackClient.of(SharedStack.get()).ingest(payloads, "test");
        SharedStack.awaitCaughtUp();

        List<Matcher> lines = output.getOut().lines().map(LINE::matcher).filter(Matcher::matches).toList();
        assertThat(lines).as("the normalizer's line about the snapshot it stored").filteredOn(line -> line.group("message")
                .startsWith("snapshot " + GENRE + "/spotify ")).isNotEmpty().allSatisfy(line -> {
                    assertThat(line.group("service").strip()).isEqualTo("normalizer-service");
                    assertThat(line.group("trace")).as("its trace and span ids").matches("[0-9a-f]{32}-[0-9a-f]{16}");
                });
        assertThat(lines).as("the ingest-service's line about the run").anySatisfy(line -> {
            assertThat(line.group("message")).startsWith("ingest run ").contains("genre=" + GENRE);
            assertThat(line.group("service").strip()).isEqualTo("ingest-service");
        });
        // every line of a service's own classes, whichever thread wrote it, names that service
        List<Matcher> ownLines = lines.stream().filter(line -> owner(line.group("logger")) != null).toList();
        assertThat(ownLines).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> assertThat(line.group("service").strip())
                .as(line.group()).isEqualTo(owner(line.group("logger"))));
    }

    private static String owner(String logger) {
        Matcher service = SERVICE_LOGGER.matcher(logger);
        return service.matches() ? service.group(1) + "-service" : null;
    }
}
