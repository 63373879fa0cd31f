package io.tunemeld.ingest.history;

import io.tunemeld.ingest.run.IngestRunService;
import io.tunemeld.ingest.run.RunRequest;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The listeners' runs on their schedules ("-" switches one off); nothing runs without listeners. Their new
 * plays often ({@code tunemeld.spotify-history.schedule}): Spotify keeps only the last 50. Their profiles and
 * the users around them monthly ({@code tunemeld.spotify-history.profile-schedule}).
 */
@Component
class ScheduledListeners {

    private final IngestRunService service;
    private final SpotifyHistoryProperties properties;

    ScheduledListeners(IngestRunService service, SpotifyHistoryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Scheduled(cron = "${tunemeld.spotify-history.schedule}", zone = "UTC")
    void readPlays() {
        run(new RunRequest.SpotifyHistory(Optional.empty()));
    }

    @Scheduled(cron = "${tunemeld.spotify-history.profile-schedule}", zone = "UTC")
    void readProfiles() {
        run(new RunRequest.ListenerProfiles(Optional.empty()));
    }

    private void run(RunRequest.Listening listening) {
        if (!properties.listeners().isEmpty()) {
            service.run(new RunRequest("schedule", Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.of(listening), false));
        }
    }
}
