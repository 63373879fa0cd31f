package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.StackClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the recent ingest runs of a running stack.")
class StatusCommand implements Callable<Integer> {

    @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "${env:TUNEMELD_INGEST_URL:-http://127.0.0.1:8091}",
            description = "The ingest service (default: ${DEFAULT-VALUE}).")
    String ingestUrl;

    @Option(names = "--limit", defaultValue = "5", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "The runs as the ingest API gives them, one JSON array (for scripts).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var printer = new RunPrinter(System.out);
        JsonNode runs = new StackClient(ingestUrl, null, AdminToken.forCli()).runs(null);
        if (json) {
            ArrayNode recent = JsonMapper.shared().createArrayNode();
            for (int i = 0; i < Math.min(limit, runs.size()); i++) {
                recent.add(runs.get(i));
            }
            System.out.println(JsonMapper.shared().writeValueAsString(recent));
            return 0;
        }
        int shown = 0;
        for (JsonNode run : runs) {
            if (shown++ == limit) {
                break;
            }
            printer.summary(run);
            System.out.printf("  started %s, %s%n", run.path("startedAt").asString(),
                    run.path("finishedAt").isNull() ? "still running" : "finished " + run.path("finishedAt").asString());
            run.path("playlists").forEach(printer::playlist);
        }
        if (shown == 0) {
            System.out.println("No ingest run yet.");
        }
        return 0;
    }
}
