package io.tunemeld.matching;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** ISO 3901 codes: country (2 letters), registrant (3), year (2 digits), designation (5 digits). */
public final class Isrc {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

    private Isrc() {
    }

    /** The ISRC in canonical form (upper case, no hyphens), or empty when the text is not one. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.replace("-", "").strip().toUpperCase(Locale.ROOT);
        return FORMAT.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
