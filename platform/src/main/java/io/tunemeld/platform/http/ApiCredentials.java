package io.tunemeld.platform.http;

import java.util.Optional;

/**
 * The settings of an external API whose credentials may be left unset: without them, what needs the API is
 * off (see {@link ConditionalOnApiCredentials}) and the service says so when it starts.
 */
public interface ApiCredentials {

    /** Whether the credentials are set. */
    boolean configured();

    /** What is missing, as an operator sets it: "YOUTUBE_API_KEY is not set". */
    String missing();

    /** What is missing; empty when the credentials are set. */
    default Optional<String> missingConfiguration() {
        return configured() ? Optional.empty() : Optional.of(missing());
    }
}
