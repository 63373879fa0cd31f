package io.tunemeld.ingest.run;

import io.tunemeld.ingest.lastfm.LastFmProperties;
import io.tunemeld.ingest.lastfm.LastFmSource;
import io.tunemeld.ingest.source.DirectoryPlaylistSource;
import io.tunemeld.schemas.MusicService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Ingest runs on demand and their history. {@code POST /api/runs} ingests a payload directory
 * ({@code dir}, inside the configured payload roots), a listening source ({@code source=lastfm&user=U&maxSongs=N}, {@code source=spotify-history[&user=U]}, {@code source=spotify-profiles[&user=U]})
 * or, without either, the
 * configured playlists from their APIs; {@code dryRun=true} fetches and reports without storing or
 * publishing; {@code wait=false} answers 202 at once with the run, whose outcomes
 * {@code GET /api/runs/{id}} shows as they are made.
 */
@RestController
@RequestMapping("/api/runs")
class IngestRunController {

    /** Last.fm keeps a listener's whole history, but a chart of more songs than this is no chart. */
    private static final int MAX_SONGS = 10_000;
    private static final String SPOTIFY_HISTORY = "spotify-history";
    private static final String SPOTIFY_PROFILES = "spotify-profiles";

    private final IngestRunService service;
    private final IngestRunRepository runs;
    private final LastFmProperties lastFm;
    private final DirectoryPlaylistSource directories;

    IngestRunController(IngestRunService service, IngestRunRepository runs, LastFmProperties lastFm, DirectoryPlaylistSource directories) {
        this.service = service;
        this.directories = directories;
        this.runs = runs;
        this.lastFm = lastFm;
    }

    @PostMapping
    ResponseEntity<IngestRun> run(@RequestParam(name = "dir", required = false) String dir,
            @RequestParam(name = "genre", required = false) String genre,
            @RequestParam(name = "service", required = false) String serviceName,
            @RequestParam(name = "force", defaultValue = "false") boolean force,
            @RequestParam(name = "wait", defaultValue = "true") boolean wait,
            @RequestParam(name = "trigger", defaultValue = "api") String trigger,
            @RequestParam(name = "source", required = false) String source,
            @RequestParam(name = "user", required = false) String user,
            @RequestParam(name = "maxSongs", required = false) Integer maxSongs,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun) {
        Optional<RunRequest.Listening> listening = listening(source, user, maxSongs);
        Optional<Path> directory;
        try {
            directory = Optional.ofNullable(dir).map(directories::confine);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Optional<MusicService> only = Optional.ofNullable(serviceName).map(name -> MusicService.find(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown service: " + name)));
        var request = new RunRequest(trigger, directory, Optional.ofNullable(genre), only, force, listening, dryRun);
        return wait ? ResponseEntity.ok(service.run(request)) : ResponseEntity.accepted().body(service.start(request));
    }

    private Optional<RunRequest.Listening> listening(String source, String user, Integer maxSongs) {
        if (source == null) {
            if (user != null || maxSongs != null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "user and maxSongs go with a source (lastfm, spotify-history,"
                        + " spotify-profiles)");
            }
            return Optional.empty();
        }
        if (SPOTIFY_HISTORY.equals(source) || SPOTIFY_PROFILES.equals(source)) {
            if (maxSongs != null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "maxSongs goes with source=lastfm");
            }
            return Optional.of(SPOTIFY_HISTORY.equals(source) ? new RunRequest.SpotifyHistory(Optional.ofNullable(user))
                    : new RunRequest.ListenerProfiles(Optional.ofNullable(user)));
        }
        if (!MusicService.LASTFM.slug().equals(source)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown source: " + source + " (known: lastfm, "
                    + SPOTIFY_HISTORY + ", " + SPOTIFY_PROFILES + ")");
        }
        try {
            LastFmSource.chart(user);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        int songs = maxSongs == null ? lastFm.maxSongs() : maxSongs;
        if (songs < 1 || songs > MAX_SONGS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "maxSongs must be 1 to " + MAX_SONGS + ", not " + songs);
        }
        return Optional.of(new RunRequest.LastFmChart(user, songs));
    }

    /** Re-publishes stored raw payloads (those of {@code run}, or fetched {@code since}) without any API call. */
    @PostMapping("/republish")
    IngestRun republish(@RequestParam(name = "run", required = false) UUID run,
            @RequestParam(name = "since", required = false) String since) {
        if ((run == null) == (since == null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give either run or since");
        }
        try {
            return service.republish(Optional.ofNullable(run), Optional.ofNullable(since).map(Instant::parse));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "since is not an ISO-8601 time: " + since);
        }
    }

    @GetMapping
    List<IngestRun> recent(@RequestParam(name = "limit", defaultValue = "20") int limit) {
        return runs.recent(Math.min(limit, 200));
    }

    @GetMapping("/{id}")
    IngestRun one(@PathVariable("id") UUID id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + id));
    }
}
