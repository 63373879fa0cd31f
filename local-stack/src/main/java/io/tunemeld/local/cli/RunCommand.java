package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.StackClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Ingest now, against a running stack: the configured playlists from their APIs, the payload",
                "files of a directory, a listener's top tracks (--source lastfm --user U), or the listeners' new Spotify",
                "plays and the playlists they came from (--source spotify-history [--user U]), or their Spotify profiles,",
                "the owners of the playlists they played from and whom they follow (--source spotify-profiles [--user U]).",
                "Shows each playlist as it is done, then a summary."})
class RunCommand implements Callable<Integer> {

    @Option(names = "--from-dir", paramLabel = "DIR", description = "Payload files laid out as DIR/<service>/<genre>.json.")
    Path fromDir;

    @Option(names = "--genre", paramLabel = "G", description = "Only this genre.")
    String genre;

    @Option(names = "--service", paramLabel = "S", description = "Only this service (spotify, apple_music, soundcloud).")
    String service;

    @Option(names = "--force", description = "Fetch even the playlists the cache would reuse.")
    boolean force;

    @Option(names = "--source", paramLabel = "SOURCE", description = "A listening source instead of the playlists: lastfm, spotify-history, spotify-profiles.")
    String source;

    @Option(names = "--user", paramLabel = "U", description = {"With --source lastfm: the Last.fm user whose top tracks to read;",
            "with spotify-history or spotify-profiles: only this listener of SPOTIFY_LISTENER_TOKENS."})
    String user;

    @Option(names = "--max-songs", paramLabel = "N", description = "With --source lastfm: at most this many songs (default: LASTFM_MAX_SONGS).")
    Integer maxSongs;

    @Option(names = "--dry-run", description = "Fetch and report, but store and publish nothing.")
    boolean dryRun;

    @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "${env:TUNEMELD_INGEST_URL:-http://127.0.0.1:8091}",
            description = "The ingest service (default: ${DEFAULT-VALUE}).")
    String ingestUrl;

    @Override
    public Integer call() throws Exception {
        if (fromDir != null && !Files.isDirectory(fromDir)) {
            System.err.println("not a directory: " + fromDir.toAbsolutePath());
            return 2;
        }
        if ((user != null || maxSongs != null) && source == null) {
            System.err.println("--user and --max-songs go with --source");
            return 2;
        }
        if ("lastfm".equals(source) && user == null) {
            System.err.println("--source lastfm needs --user");
            return 2;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (source != null) {
            parameters.put("source", source);
        }
        if (user != null) {
            parameters.put("user", user);
        }
        if (maxSongs != null) {
            parameters.put("maxSongs", String.valueOf(maxSongs));
        }
        parameters.put("dryRun", String.valueOf(dryRun));
        if (fromDir != null) {
            parameters.put("dir", fromDir.toAbsolutePath().toString());
        }
        if (genre != null) {
            parameters.put("genre", genre);
        }
        if (service != null) {
            parameters.put("service", service);
        }
        parameters.put("force", String.valueOf(force));
        parameters.put("wait", "false");
        parameters.put("trigger", "cli");
        var client = new StackClient(ingestUrl, null, AdminToken.forCli());
        var printer = new RunPrinter(System.out);
        JsonNode run = client.startRun(parameters);
        String id = run.path("id").asString();
        System.out.println("Run " + id + " started (" + run.path("source").asString() + ")");
        Set<String> shown = new HashSet<>();
        while (true) {
            run = client.runs(id);
            for (JsonNode outcome : run.path("playlists")) {
                if (shown.add(outcome.path("genre").asString() + "/" + outcome.path("service").asString())) {
                    printer.playlist(outcome);
                }
            }
            if (!run.path("finishedAt").isNull() && !run.path("finishedAt").isMissingNode()) {
                break;
            }
            Thread.sleep(500);
        }
        printer.summary(run);
        boolean failed = false;
        for (JsonNode outcome : run.path("playlists")) {
            failed |= "FAILED".equals(outcome.path("status").asString());
        }
        return failed ? 1 : 0;
    }
}
