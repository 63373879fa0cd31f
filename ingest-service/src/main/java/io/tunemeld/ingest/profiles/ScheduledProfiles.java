package io.tunemeld.ingest.profiles;

import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.ingest.run.IngestRunService;
import io.tunemeld.ingest.run.RunRequest;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The listeners' profiles and the users around them, monthly ({@code tunemeld.spotify-history.profile-schedule}, "-" for off). */
@Component
class ScheduledProfiles {

    private final IngestRunService service;
    private final SpotifyHistoryProperties properties;

    ScheduledProfiles(IngestRunService service, SpotifyHistoryProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @Scheduled(cron = "${tunemeld.spotify-history.profile-schedule}", zone = "UTC")
    void read() {
        if (!properties.listeners().isEmpty()) {
            service.run(new RunRequest("schedule", Optional.empty(), Optional.empty(), Optional.empty(), false,
                    Optional.of(new RunRequest.ListenerProfiles(Optional.empty())), false));
        }
    }
}
