package io.tunemeld.ingest.run;

import java.util.List;
import java.util.Objects;

/** Replaces every configured secret in a text, for what is logged, recorded or answered. */
public class SecretRedactor {

    private static final String MASK = "***";
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    public SecretRedactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= MIN_SECRET_LENGTH).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }
}
