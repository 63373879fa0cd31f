package io.tunemeld.ingest.source;

import java.util.Map;

/** RapidAPI's authentication: the key and the host of the API it is for. */
final class RapidApiHeaders {

    private RapidApiHeaders() {
    }

    static Map<String, String> of(RapidApiProperties properties, String host) {
        return Map.of("X-RapidAPI-Key", properties.key(), "X-RapidAPI-Host", host);
    }
}
