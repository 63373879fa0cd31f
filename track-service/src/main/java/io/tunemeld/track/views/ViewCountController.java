package io.tunemeld.track.views;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads the view counts now, besides the daily schedule (guarded by the admin token like every POST). */
@RestController
class ViewCountController {

    private final ViewCountRun run;

    ViewCountController(ViewCountRun run) {
        this.run = run;
    }

    @PostMapping("/api/view-counts/runs")
    Map<String, ViewCountRun.Outcome> run() {
        return run.run("api");
    }
}
