package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/** Lenient readers of payload fields: wrong types read as absent, text is HTML-decoded and trimmed. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            return null;
        }
        String decoded = HtmlUtils.htmlUnescape(value.stringValue()).strip();
        return decoded.isEmpty() ? null : decoded;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
    }

    /** An array of strings, or of objects with a {@code name}; anything else reads as empty. */
    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                String name = item.isString() ? HtmlUtils.htmlUnescape(item.stringValue()).strip() : text(item, "name");
                if (name != null && !name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
