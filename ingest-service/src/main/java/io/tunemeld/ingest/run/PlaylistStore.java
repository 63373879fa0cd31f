package io.tunemeld.ingest.run;

import io.tunemeld.ingest.raw.RawPayloadRepository;
import io.tunemeld.ingest.raw.RawPlaylistPublisher;
import io.tunemeld.ingest.raw.StoredPayload;
import io.tunemeld.ingest.run.RunRecorder.Stored;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.schemas.EventIds;
import java.time.Clock;
import java.util.UUID;

/** Keeps a fetched playlist raw before anything else, then publishes it unless the same content already was. */
class PlaylistStore {

    private final RawPayloadRepository rawPayloads;
    private final RawPlaylistPublisher publisher;
    private final Clock clock;

    PlaylistStore(RawPayloadRepository rawPayloads, RawPlaylistPublisher publisher, Clock clock) {
        this.rawPayloads = rawPayloads;
        this.publisher = publisher;
        this.clock = clock;
    }

    Stored store(UUID runId, FetchedPlaylist playlist, boolean dryRun) {
        return store(runId, playlist, dryRun, playlist.payload().length() + " characters");
    }

    /** @param fetched what a dry run reports of the payload */
    Stored store(UUID runId, FetchedPlaylist playlist, boolean dryRun, String fetched) {
        String service = playlist.service().slug();
        if (dryRun) {
            return new Stored(new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.FETCHED,
                    "dry run: " + fetched + "; nothing stored or published"));
        }
        StoredPayload stored = rawPayloads.store(playlist, EventIds.sha256(playlist.payload()), runId);
        if (stored.published()) {
            return new Stored(new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.UNCHANGED,
                    "same content as published on an earlier run"), stored.id());
        }
        return publish(runId, stored, null);
    }

    /** Publishes a stored payload and marks it published. */
    Stored publish(UUID runId, StoredPayload stored, String detail) {
        publisher.publish(stored, runId);
        rawPayloads.markPublished(stored.id(), clock.instant());
        return new Stored(new PlaylistOutcome(stored.genre(), stored.service(), PlaylistOutcome.Status.PUBLISHED, detail), stored.id());
    }
}
