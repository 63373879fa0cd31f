package io.tunemeld.track.enrichment;

import io.tunemeld.track.enrichment.EnrichmentSchedule.State;

/** Does one step of the cascade for a subject that is due (or forced), and schedules what follows it. */
interface StepHandler {

    /** @return how it ended, with the TrackEnriched its result changes (published by the caller once this is committed) */
    StepResults.Result handle(State state, boolean force);
}
