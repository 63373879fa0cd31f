package io.tunemeld.ingest.run;

import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The daily run from the APIs; {@code tunemeld.ingest.schedule} is a cron, "-" switches it off. */
@Component
class ScheduledIngest {

    private final IngestRunService service;

    ScheduledIngest(IngestRunService service) {
        this.service = service;
    }

    @Scheduled(cron = "${tunemeld.ingest.schedule}", zone = "UTC")
    void daily() {
        service.run(new RunRequest("schedule", Optional.empty(), Optional.empty(), Optional.empty(), false));
    }
}
