package io.tunemeld.ingest.history;

import io.tunemeld.ingest.run.IngestRunService;
import io.tunemeld.ingest.run.RunRequest;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every listener's new plays, often ({@code tunemeld.spotify-history.schedule}, "-" switches it off):
 * Spotify keeps only the last 50. Nothing runs without listeners.
 */
@Component
class ScheduledHistory {

    private final IngestRunService service;
    private final SpotifyHistoryProperties properties;

    ScheduledHistory(IngestRunService service, SpotifyHistoryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Scheduled(cron = "${tunemeld.spotify-history.schedule}", zone = "UTC")
    void read() {
        if (!properties.listeners().isEmpty()) {
            service.run(new RunRequest("schedule", Optional.empty(), Optional.empty(), Optional.empty(), false,
                    Optional.of(new RunRequest.SpotifyHistory(Optional.empty())), false));
        }
    }
}
