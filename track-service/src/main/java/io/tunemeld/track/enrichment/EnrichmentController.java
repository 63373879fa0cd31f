package io.tunemeld.track.enrichment;

import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code ./tunemeld enrich}: the cascade now, besides its poll (guarded by the admin token like every POST). */
@RestController
class EnrichmentController {

    private final EnrichmentCascade cascade;

    EnrichmentController(EnrichmentCascade cascade) {
        this.cascade = cascade;
    }

    /**
     * @param track only this track (its key); every track otherwise
     * @param force fetch again however fresh the stored results are
     */
    @PostMapping("/api/enrichment/runs")
    EnrichmentCascade.Run run(@RequestParam Optional<String> track, @RequestParam(defaultValue = "false") boolean force) {
        return cascade.run(track, force);
    }
}
