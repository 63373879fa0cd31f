package io.tunemeld.normalizer.payload;

import tools.jackson.databind.JsonNode;

/** One service's payload shape. */
interface PayloadShape {

    /** Whether this shape can read the payload (the services' shapes are told apart by structure). */
    boolean accepts(JsonNode root);

    ParsedPlaylist parse(JsonNode root);
}
