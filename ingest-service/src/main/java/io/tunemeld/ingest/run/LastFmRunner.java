package io.tunemeld.ingest.run;

import io.tunemeld.ingest.lastfm.LastFmSource;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.ingest.source.PlaylistRef;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** A listener's chart on Last.fm: always fetched (asked for by name), never reused from the playlist cache. */
class LastFmRunner {

    private final LastFmSource lastFm;
    private final RunRecorder recorder;
    private final PlaylistStore store;
    private final Clock clock;

    LastFmRunner(LastFmSource lastFm, RunRecorder recorder, PlaylistStore store, Clock clock) {
        this.lastFm = lastFm;
        this.recorder = recorder;
        this.store = store;
        this.clock = clock;
    }

    void run(UUID runId, RunRequest.LastFmChart wanted, boolean dryRun) {
        PlaylistRef chart = LastFmSource.chart(wanted.user());
        Optional<String> missing = lastFm.missingConfiguration();
        if (missing.isPresent()) {
            recorder.failed(runId, chart.genre(), chart.service().slug(), "not configured: " + missing.get());
            return;
        }
        recorder.record(runId, chart.genre(), chart.service(), () -> {
            String payload = lastFm.fetch(chart, wanted.maxSongs());
            return store.store(runId, new FetchedPlaylist(chart.genre(), chart.service(), ApiRunner.API_SOURCE, chart.ref(), payload,
                    clock.instant()), dryRun, LastFmSource.summary(payload));
        });
    }
}
