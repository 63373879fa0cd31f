package io.tunemeld.ingest.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One ingest run and what it did to each playlist. */
public record IngestRun(UUID id, String trigger, String source, Instant startedAt, Instant finishedAt,
        List<PlaylistOutcome> playlists) {
}
