package io.tunemeld.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A secret of the local stack: generated once into its data directory, readable by its owner only. */
final class LocalSecret {

    private LocalSecret() {
    }

    static String of(Path dataDir, String file) throws IOException {
        Path path = dataDir.resolve(file);
        if (Files.exists(path)) {
            return Files.readString(path).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.createDirectories(dataDir);
        Files.writeString(path, secret);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return secret;
    }
}
