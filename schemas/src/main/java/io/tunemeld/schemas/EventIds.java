package io.tunemeld.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: the same input gives the same event id, so a replay produces the same events. */
public final class EventIds {

    private EventIds() {
    }

    public static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** An id derived from its parts; the unit separator keeps ("ab","c") apart from ("a","bc"). */
    public static String of(String... parts) {
        return sha256(String.join("\u001f", parts)).substring(0, 32);
    }
}
