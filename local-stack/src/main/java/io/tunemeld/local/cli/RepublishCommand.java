package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.StackClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "republish", mixinStandardHelpOptions = true,
        description = {"Publish stored raw payloads again, without calling any API: a run's, or those fetched since a",
                "time. The services reprocess them idempotently (after a logic change, the new results replace the old)."})
class RepublishCommand implements Callable<Integer> {

    static class Which {
        @Option(names = "--run", paramLabel = "ID", description = "The payloads of this ingest run.")
        String run;

        @Option(names = "--since", paramLabel = "TIME", description = "The payloads fetched since this ISO-8601 time.")
        String since;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "${env:TUNEMELD_INGEST_URL:-http://127.0.0.1:8091}",
            description = "The ingest service (default: ${DEFAULT-VALUE}).")
    String ingestUrl;

    @Override
    public Integer call() throws Exception {
        var run = new StackClient(ingestUrl, null, AdminToken.forCli())
                .republish(which.run != null ? Map.of("run", which.run) : Map.of("since", which.since));
        var printer = new RunPrinter(System.out);
        run.path("playlists").forEach(printer::playlist);
        printer.summary(run);
        return 0;
    }
}
