package io.tunemeld.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Calls to one external API by how they ended ({@code tunemeld_external_calls_total{api, outcome}}), after
 * the client's own retries: what an operator alerts on when a quota runs out. Every outcome is registered
 * at zero from the start, so that Prometheus sees the first refusal as an increase.
 */
public final class ExternalCalls {

    public enum Outcome {
        /** Answered. */
        OK,
        /** Refused for the API's rate limit or quota, longer than the client waits. */
        LIMITED,
        /** Answered with an error (or an answer the client could not read). */
        FAILED,
        /** No answer: the host could not be reached or did not answer in time. */
        UNREACHABLE;

        /** How a call that ended in this failure counts. */
        public static Outcome of(ApiException failure) {
            if (failure.status() == 429) {
                return LIMITED;
            }
            return failure.status() == 0 && failure.isTransient() ? UNREACHABLE : FAILED;
        }
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public ExternalCalls(MeterRegistry meters, String api) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("tunemeld.external.calls").tag("api", api)
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Calls to an external API by how they ended, after retries").register(meters));
        }
    }

    public void record(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
