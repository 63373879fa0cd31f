package io.tunemeld.local.cli;

import io.tunemeld.local.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Prints ingest runs as users read them: a line per playlist, then the count of each outcome. */
final class RunPrinter {

    private final PrintStream out;

    RunPrinter(PrintStream out) {
        this.out = out;
    }

    void playlist(JsonNode outcome) {
        String detail = outcome.path("detail").isNull() || outcome.path("detail").isMissingNode() ? ""
                : " (" + outcome.path("detail").asString() + ")";
        String took = outcome.path("durationMs").isNumber() ? Durations.format(Duration.ofMillis(outcome.path("durationMs").asLong())) : "";
        out.printf("  %-14s %-12s %-10s %8s%s%n", outcome.path("genre").asString(), outcome.path("service").asString(),
                outcome.path("status").asString(), took, detail);
    }

    void summary(JsonNode run) {
        Map<String, Integer> counts = new TreeMap<>();
        run.path("playlists").forEach(p -> counts.merge(p.path("status").asString(), 1, Integer::sum));
        out.printf("Run %s (%s, %s): %s%n", run.path("id").asString(), run.path("trigger").asString(),
                run.path("source").asString(), counts.isEmpty() ? "no playlists" : counts);
    }
}
