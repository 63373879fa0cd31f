package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.StackClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Run the enrichment cascade now instead of at its next poll: tracks not scheduled yet (from before",
                "Spotify was configured) are scheduled, and every step that is due is requested. With --force-refresh",
                "the tracks' metadata, artists and audience are fetched again however fresh they are."})
class EnrichCommand implements Callable<Integer> {

    @Option(names = "--track", paramLabel = "KEY", description = "Only this track (its key: the ISRC, or spotify:<id>, hash:<sha>).")
    String track;

    @Option(names = "--force-refresh", description = "Fetch again even what is still fresh.")
    boolean forceRefresh;

    @Option(names = "--track-service-url", paramLabel = "URL", defaultValue = "${env:TUNEMELD_TRACK_URL:-http://127.0.0.1:8093}",
            description = "The track service (default: ${DEFAULT-VALUE}).")
    String trackServiceUrl;

    @Override
    public Integer call() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (track != null) {
            parameters.put("track", track);
        }
        parameters.put("force", Boolean.toString(forceRefresh));
        var run = new StackClient(null, null, AdminToken.forCli()).enrich(trackServiceUrl, parameters);
        System.out.printf("%d tracks newly scheduled, %d forced, %d steps requested; track-service does them at the platforms' pace.%n",
                run.path("scheduled").asInt(), run.path("forced").asInt(), run.path("requested").asInt());
        run.path("notes").forEach(note -> System.out.println("Note: " + note.asString()));
        return 0;
    }
}
