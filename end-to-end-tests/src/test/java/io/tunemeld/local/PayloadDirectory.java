package io.tunemeld.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A payload directory as ingest runs read it: {@code <service>/<genre>.json}, in a fresh temporary directory. */
final class PayloadDirectory {

    private final Path root;

    private PayloadDirectory(Path root) {
        this.root = root;
    }

    static PayloadDirectory create(String prefix) throws IOException {
        return new PayloadDirectory(Files.createTempDirectory(prefix));
    }

    /** @param service the service directory's name, which a test may choose wrong on purpose */
    PayloadDirectory with(String service, String genre, String payload) throws IOException {
        Files.createDirectories(root.resolve(service));
        Files.writeString(root.resolve(service).resolve(genre + ".json"), payload);
        return this;
    }

    Path path() {
        return root;
    }
}
