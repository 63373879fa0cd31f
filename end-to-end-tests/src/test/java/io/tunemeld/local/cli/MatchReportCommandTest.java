package io.tunemeld.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./tunemeld match-report} over the hand-made payloads, whose matches and near-misses are known. */
class MatchReportCommandTest {

    private static final Path HANDMADE = Path.of("src/test/resources/handmade");

    @Test
    void everyEntryIsListedAndEachFallbackSaysWhichCandidateItMissedAndWhy() {
        String report = run(0, "--from-dir", HANDMADE.toString());

        assertThat(report).contains("synthpop / apple_music", "synthpop / soundcloud", "lofi / spotify");
        assertThat(report).containsPattern("\\n\\s+3\\s+USAAA2600001\\s+CATALOG\\s+1\\.00\\s+Midnight Drive \\(feat\\. Elodie\\) - Neon Harbor\\n");
        assertThat(report).containsPattern("\\n\\s+2\\s+hash:\\w+\\s+FALLBACK\\s+0\\.00\\s+Stay - The Kid LAROI & Justin Bieber\\n"
                + "\\s+closest: USAAA2600003 \"stay\" \\[rihanna\\]: artists: \\[justin bieber, kid laroi\\] and \\[rihanna\\] share none\\n");
        assertThat(report).containsPattern("\\n\\s+4\\s+hash:\\w+\\s+FALLBACK\\s+0\\.00\\s+Paper Moon - Luna Park\\n"
                + "\\s+closest: USAAA2600004 \"paper moon remastered 2011\" \\[luna park\\]: version marker: 'remastered 2011' on one title only\\n");
        assertThat(report).containsPattern("\\d+ entries: \\{PAYLOAD=\\d+, CATALOG=\\d+, FALLBACK=\\d+\\}");
    }

    @Test
    void aHigherThresholdRefusesTheUploadsReadFromTheirTitleAndSaysSo() {
        String report = run(0, "--from-dir", HANDMADE.toString(), "--min-confidence", "0.95");

        assertThat(report).containsPattern("\\n\\s+1\\s+hash:\\w+\\s+FALLBACK\\s+0\\.00\\s+Neon Harbor - Midnight Drive \\(feat\\. Élodie\\) - \\n"
                + "\\s+closest: USAAA2600001 \"midnight drive\" \\[elodie, neon harbor\\]: confidence 0\\.90 below MATCH_MIN_CONFIDENCE 0\\.95\\n");
    }

    @Test
    void aThresholdOutsideZeroToOneOrADirectoryWithoutPayloadsIsRefused() throws Exception {
        assertThat(run(2, "--from-dir", HANDMADE.toString(), "--min-confidence", "1.5")).contains("between 0 and 1");
        assertThat(run(1, "--from-dir", Files.createTempDirectory("no-payloads").toString())).contains("no payloads under");
    }

    private static String run(int expectedExit, String... args) {
        StringWriter printed = new StringWriter();
        CommandLine cli = new CommandLine(new MatchReportCommand());
        cli.setOut(new PrintWriter(printed, true));
        cli.setErr(new PrintWriter(printed, true));
        assertThat(cli.execute(args)).as(printed.toString()).isEqualTo(expectedExit);
        return printed.toString();
    }
}
