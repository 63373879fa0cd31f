package io.tunemeld.local;

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

@Command(name = "match-report", mixinStandardHelpOptions = true,
        description = {"How the matcher keys each entry of a directory of payloads (<service>/<genre>.json), offline and with no",
                "API call: per genre and service, every entry's key, match method and confidence, and for each entry left",
                "on a fallback key the closest catalog entry and why it was refused. For tuning MATCH_MIN_CONFIDENCE."})
class MatchReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from-dir", paramLabel = "DIR", description = "The payloads (default: the bundled samples).")
    Path fromDir;

    @Option(names = "--min-confidence", paramLabel = "N", defaultValue = "${env:MATCH_MIN_CONFIDENCE:-0.7}",
            description = "The threshold to report with (default: MATCH_MIN_CONFIDENCE, else ${DEFAULT-VALUE}).")
    double minConfidence;

    @Override
    public Integer call() throws Exception {
        if (minConfidence < 0 || minConfidence > 1) {
            spec.commandLine().getErr().println("--min-confidence must be between 0 and 1, was " + minConfidence);
            return 2;
        }
        Path dir = fromDir != null ? fromDir : Path.of(System.getProperty("tunemeld.samples", "samples"));
        List<MatchReport.Playlist> playlists = MatchReport.read(dir);
        if (playlists.isEmpty()) {
            spec.commandLine().getErr().println("no payloads under " + dir.toAbsolutePath() + " (expected <service>/<genre>.json)");
            return 1;
        }
        print(MatchReport.of(playlists, new TrackResolver(minConfidence, TrackSearch.NONE)), spec.commandLine().getOut());
        return 0;
    }

    private static void print(List<MatchReport.Line> lines, PrintWriter out) {
        Map<String, List<MatchReport.Line>> byPlaylist = lines.stream().collect(Collectors.groupingBy(
                line -> line.playlist().genre() + " / " + line.playlist().service().slug(), TreeMap::new, Collectors.toList()));
        byPlaylist.forEach((playlist, entries) -> {
            out.println(playlist);
            for (MatchReport.Line line : entries) {
                out.printf("  %3d  %-26s %-8s %.2f  %s - %s%n", line.entry().position(), line.resolution().trackKey(),
                        line.resolution().method(), line.resolution().confidence(), line.entry().title(),
                        String.join(", ", line.entry().artists()));
                line.refusal().ifPresent(refusal -> out.printf("       closest: %s \"%s\" %s: %s%n", refusal.candidate().isrc(),
                        refusal.candidate().titleKey(), refusal.candidate().artists(), refusal.reason()));
            }
        });
        Map<MatchMethod, Long> methods = lines.stream().collect(Collectors.groupingBy(line -> line.resolution().method(),
                () -> new EnumMap<>(MatchMethod.class), Collectors.counting()));
        out.println(lines.size() + " entries: " + methods);
    }
}
