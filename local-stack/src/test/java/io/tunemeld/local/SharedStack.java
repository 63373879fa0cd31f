package io.tunemeld.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One stack per test JVM, shared by every test class: a real broker, registry, PostgreSQL and Redis and
 * the five services, on free ports and in a fresh data directory, so it never meets a running stack.
 */
final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path data = Files.createTempDirectory("tunemeld-test-");
                Path registryHome = Path.of(System.getProperty("tunemeld.registry.home", "target/apicurio-registry"));
                // the test stack is always the embedded one, whatever the environment points at
                stack = LocalStack.start(StackSettings.fromEnvironment(data, registryHome, StackSettings.Ports.free(), Map.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-shutdown"));
        }
        return stack;
    }

    static Path samples() {
        return Path.of(System.getProperty("tunemeld.samples", "../samples"));
    }
}
