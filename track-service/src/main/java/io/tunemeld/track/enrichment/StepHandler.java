package io.tunemeld.track.enrichment;

import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;

/** Does one step of the cascade for a subject that is due (or forced), and schedules what follows it. */
interface StepHandler {

    /** @param published where the TrackEnriched its result changes go; the caller awaits them */
    StepResults.Result handle(State state, boolean force, EventSender.Batch published);
}
