package io.tunemeld.ingest.run;

import io.tunemeld.schemas.MusicService;
import java.nio.file.Files;
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
 * ({@code dir}) or, without one, the configured playlists from their APIs; {@code wait=false} answers
 * 202 at once with the run, whose outcomes {@code GET /api/runs/{id}} shows as they are made.
 */
@RestController
@RequestMapping("/api/runs")
class IngestRunController {

    private final IngestRunService service;
    private final IngestRunRepository runs;

    IngestRunController(IngestRunService service, IngestRunRepository runs) {
        this.service = service;
        this.runs = runs;
    }

    @PostMapping
    ResponseEntity<IngestRun> run(@RequestParam(name = "dir", required = false) String dir,
            @RequestParam(name = "genre", required = false) String genre,
            @RequestParam(name = "service", required = false) String serviceName,
            @RequestParam(name = "force", defaultValue = "false") boolean force,
            @RequestParam(name = "wait", defaultValue = "true") boolean wait,
            @RequestParam(name = "trigger", defaultValue = "api") String trigger) {
        Optional<Path> directory = Optional.ofNullable(dir).map(Path::of);
        if (directory.isPresent() && !Files.isDirectory(directory.get())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a directory: " + dir);
        }
        Optional<MusicService> only = Optional.ofNullable(serviceName).map(name -> MusicService.fromSlug(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown service: " + name)));
        var request = new RunRequest(trigger, directory, Optional.ofNullable(genre), only, force);
        return wait ? ResponseEntity.ok(service.run(request)) : ResponseEntity.accepted().body(service.start(request));
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
