package io.tunemeld.ingest.run;

import io.tunemeld.ingest.raw.RawPayloadRepository;
import io.tunemeld.ingest.raw.RawPlaylistPublisher;
import io.tunemeld.ingest.raw.StoredPayload;
import io.tunemeld.ingest.source.DirectoryPlaylistSource;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.ingest.source.SourceResult;
import io.tunemeld.schemas.EventIds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs an ingest: every playlist is stored raw before it is published, identical content is not
 * published again, and a playlist that fails is recorded with its reason while the others go on.
 */
@Service
public class IngestRunService {

    private static final Logger log = LoggerFactory.getLogger(IngestRunService.class);

    private final DirectoryPlaylistSource directorySource;
    private final RawPayloadRepository rawPayloads;
    private final RawPlaylistPublisher publisher;
    private final IngestRunRepository runs;
    private final Clock clock;

    IngestRunService(RawPayloadRepository rawPayloads, RawPlaylistPublisher publisher, IngestRunRepository runs,
            Clock clock) {
        this.directorySource = new DirectoryPlaylistSource(clock);
        this.rawPayloads = rawPayloads;
        this.publisher = publisher;
        this.runs = runs;
        this.clock = clock;
    }

    public IngestRun runFromDirectory(Path directory, String trigger) {
        UUID runId = UUID.randomUUID();
        runs.start(runId, trigger, "directory:" + directory.toAbsolutePath(), clock.instant());
        SourceResult result = directorySource.read(directory);
        result.failures().forEach(failure -> runs.record(runId, new PlaylistOutcome(failure.genre(), failure.service(),
                PlaylistOutcome.Status.FAILED, failure.reason()), null));
        for (FetchedPlaylist playlist : result.playlists()) {
            ingest(runId, playlist);
        }
        runs.finish(runId, clock.instant());
        IngestRun run = runs.find(runId).orElseThrow();
        log.info("ingest run {} ({}): {}", runId, trigger, run.playlists());
        return run;
    }

    private void ingest(UUID runId, FetchedPlaylist playlist) {
        String service = playlist.service().slug();
        Long rawId = null;
        PlaylistOutcome outcome;
        try {
            StoredPayload stored = rawPayloads.store(playlist, EventIds.sha256(playlist.payload()), runId);
            rawId = stored.id();
            if (stored.published()) {
                outcome = new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.UNCHANGED,
                        "same content as published on an earlier run");
            } else {
                publisher.publish(stored, runId);
                rawPayloads.markPublished(stored.id(), clock.instant());
                outcome = new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.PUBLISHED, null);
            }
        } catch (RuntimeException e) {
            log.warn("playlist {}/{} failed: {}", playlist.genre(), service, e.getMessage());
            outcome = new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.FAILED, e.getMessage());
        }
        runs.record(runId, outcome, rawId);
    }
}
