package io.tunemeld.track.views;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The daily read of view counts; {@code tunemeld.view-counts.schedule} is a cron, "-" switches it off. */
@Component
class ScheduledViewCounts {

    private final ViewCountRun run;

    ScheduledViewCounts(ViewCountRun run) {
        this.run = run;
    }

    @Scheduled(cron = "${tunemeld.view-counts.schedule}", zone = "UTC")
    void daily() {
        run.runScheduled();
    }
}
