package io.tunemeld.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stack's admin token: TUNEMELD_ADMIN_TOKEN when set, else one generated once and kept,
 * readable by its owner only, as {@code <data dir>/admin-token}, where the CLI finds it.
 */
public final class AdminToken {

    static final String FILE = "admin-token";

    private AdminToken() {
    }

    static String forDataDir(Path dataDir, String fromEnvironment) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return LocalSecret.of(dataDir, FILE);
    }

    /** What a CLI command sends: TUNEMELD_ADMIN_TOKEN, else the local stack's file, else none. */
    public static String forCli() throws IOException {
        String fromEnvironment = System.getenv("TUNEMELD_ADMIN_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String home = System.getenv().getOrDefault("TUNEMELD_HOME", ".tunemeld");
        Path file = Path.of(home).resolve(FILE);
        return Files.exists(file) ? Files.readString(file).strip() : null;
    }
}
