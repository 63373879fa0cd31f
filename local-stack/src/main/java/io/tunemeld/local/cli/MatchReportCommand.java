package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.StackClient;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.MatchReport;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "match-report", mixinStandardHelpOptions = true,
        description = {"How the matcher keyed each entry: per genre and service, every entry's key, match method and confidence,",
                "and for each entry left on a fallback key the closest catalog entry and why it was refused. Without",
                "--from-dir, the playlists in force at a running normalizer-service; with it, a directory of payloads",
                "(<service>/<genre>.json), resolved offline with no API call. For tuning MATCH_MIN_CONFIDENCE."})
public class MatchReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from-dir", paramLabel = "DIR", description = "Payload files instead of the running stack's playlists.")
    Path fromDir;

    @Option(names = "--min-confidence", paramLabel = "N", defaultValue = "${env:MATCH_MIN_CONFIDENCE:-0.7}",
            description = "With --from-dir, the threshold to resolve with (default: MATCH_MIN_CONFIDENCE, else ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--normalizer-url", paramLabel = "URL", defaultValue = "${env:TUNEMELD_NORMALIZER_URL:-http://127.0.0.1:8092}",
            description = "The running normalizer-service (default: ${DEFAULT-VALUE}).")
    String normalizerUrl;

    @Override
    public Integer call() throws Exception {
        if (fromDir == null) {
            print(rows(new StackClient(null, null, AdminToken.forCli()).matchReport(normalizerUrl)), spec.commandLine().getOut());
            return 0;
        }
        if (minConfidence < 0 || minConfidence > 1) {
            spec.commandLine().getErr().println("--min-confidence must be between 0 and 1, was " + minConfidence);
            return 2;
        }
        List<MatchReport.Playlist> playlists = MatchReport.read(fromDir);
        if (playlists.isEmpty()) {
            spec.commandLine().getErr().println("no payloads under " + fromDir.toAbsolutePath() + " (expected <service>/<genre>.json)");
            return 1;
        }
        print(MatchReport.of(playlists, new TrackResolver(minConfidence, TrackSearch.NONE)), spec.commandLine().getOut());
        return 0;
    }

    /** The rows of a report as normalizer-service answers it. */
    public static List<MatchReport.Row> rows(JsonNode report) {
        return List.of(JsonMapper.shared().treeToValue(report, MatchReport.Row[].class));
    }

    private static void print(List<MatchReport.Row> rows, PrintWriter out) {
        Map<String, List<MatchReport.Row>> byPlaylist = rows.stream().collect(Collectors.groupingBy(
                row -> row.genre() + " / " + row.service(), TreeMap::new, Collectors.toList()));
        byPlaylist.forEach((playlist, entries) -> {
            out.println(playlist);
            for (MatchReport.Row row : entries) {
                out.printf("  %3d  %-26s %-8s %.2f  %s - %s%n", row.position(), row.trackKey(), row.method(), row.confidence(),
                        row.title(), String.join(", ", row.artists()));
                if (row.closest() != null) {
                    out.printf("       closest: %s \"%s\" %s: %s%n", row.closest().isrc(), row.closest().titleKey(),
                            row.closest().artists(), row.closest().reason());
                }
            }
        });
        Map<MatchMethod, Long> methods = rows.stream().collect(Collectors.groupingBy(MatchReport.Row::method,
                () -> new EnumMap<>(MatchMethod.class), Collectors.counting()));
        out.println(rows.size() + " entries: " + methods);
    }
}
