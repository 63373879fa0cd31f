package io.tunemeld.ingest.run;

import io.tunemeld.ingest.source.DirectoryPlaylistSource;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.ingest.source.SourceResult;
import java.util.UUID;

/** The payload files of a directory; a file that cannot be read is recorded with its reason. */
class DirectoryRunner {

    private final DirectoryPlaylistSource source;
    private final RunRecorder recorder;
    private final PlaylistStore store;

    DirectoryRunner(DirectoryPlaylistSource source, RunRecorder recorder, PlaylistStore store) {
        this.source = source;
        this.recorder = recorder;
        this.store = store;
    }

    void run(UUID runId, RunRequest request) {
        SourceResult result = source.read(request.directory().orElseThrow());
        result.failures().forEach(failure -> recorder.failed(runId, failure.genre(), failure.service(), failure.reason()));
        result.playlists().stream()
                .filter(p -> request.includes(p.genre(), p.service()))
                .sorted(ApiRunner.isrcsFirst(FetchedPlaylist::service))
                .forEach(playlist -> recorder.record(runId, playlist.genre(), playlist.service(),
                        () -> store.store(runId, playlist, request.dryRun())));
    }
}
