package io.tunemeld.ingest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Starts an ingest run on demand and shows the run history. */
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
    IngestRun run(@RequestParam("dir") String dir, @RequestParam(name = "trigger", defaultValue = "api") String trigger) {
        Path directory = Path.of(dir);
        if (!Files.isDirectory(directory)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a directory: " + dir);
        }
        return service.runFromDirectory(directory, trigger);
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
