package io.tunemeld.track.enrichment;

import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Outcome;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.enrichment.StepResults.Result;
import io.tunemeld.track.views.ViewCountRun;
import java.util.Map;
import java.util.Optional;

/** A track's audience figures on the platforms its genres count, taken as a view-count run takes them. */
class AudienceStep implements StepHandler {

    private final EnrichmentProperties properties;
    private final EnrichmentRepository repository;
    private final ViewCountRun viewCounts;
    private final StepResults results;

    AudienceStep(EnrichmentProperties properties, EnrichmentRepository repository, ViewCountRun viewCounts, StepResults results) {
        this.properties = properties;
        this.repository = repository;
        this.viewCounts = viewCounts;
        this.results = results;
    }

    @Override
    public Result handle(State state, boolean force) {
        EnrichmentProperties.Policy policy = properties.policy(state.genres());
        Optional<String> isrc = repository.track(state.subject()).map(EnrichmentRepository.TrackFacts::isrc);
        if (isrc.isEmpty()) {
            return results.finish(state, Outcome.NOT_FOUND, "no ISRC: audience figures are kept by ISRC");
        }
        Map<MusicService, ViewCountRun.Outcome> counted = viewCounts.count(isrc.get(), policy.audiencePlatforms());
        if (counted.isEmpty()) {
            return results.finish(state, Outcome.NOT_FOUND, "no page on " + policy.audiencePlatforms().stream().map(MusicService::slug).toList());
        }
        String detail = counted.entrySet().stream().map(e -> e.getKey().slug() + (e.getValue().counted() > 0 ? " counted" : " failed"))
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        return results.finish(state, counted.values().stream().anyMatch(o -> o.counted() > 0) ? Outcome.ENRICHED : Outcome.FAILED, detail);
    }
}
