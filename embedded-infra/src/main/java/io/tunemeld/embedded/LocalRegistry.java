package io.tunemeld.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry, run from its Maven Central distribution as a child JVM, storing its schemas
 * in an H2 file so that the schema ids in Kafka's retained messages stay valid across restarts.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path runner;
    private final Path dataDir;
    private final int port;
    private final int managementPort;
    private final String url;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    private LocalRegistry(Path runner, Path dataDir, int port, int managementPort, List<String> jvmOptions) {
        this.runner = runner;
        this.jvmOptions = jvmOptions;
        this.dataDir = dataDir;
        this.port = port;
        this.managementPort = managementPort;
        this.url = "http://127.0.0.1:" + port;
        this.log = dataDir.resolve("registry.log");
    }

    /** Starts the registry process; {@link #awaitReady()} waits until it answers. */
    public static LocalRegistry launch(Path home, Path dataDir, int port, int managementPort) throws IOException {
        return launch(home, dataDir, port, managementPort, List.of());
    }

    /** @param jvmOptions given to the registry's JVM besides its heap size */
    public static LocalRegistry launch(Path home, Path dataDir, int port, int managementPort, List<String> jvmOptions)
            throws IOException {
        Path runner;
        try (Stream<Path> files = Files.list(home)) {
            runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Apicurio Registry in " + home
                            + " (the build of a module that runs it unpacks it: its unpack-registry execution)"));
        }
        Files.createDirectories(dataDir);
        LocalRegistry registry = new LocalRegistry(runner, dataDir, port, managementPort, List.copyOf(jvmOptions));
        // one log per stack; a restart within it appends
        Files.deleteIfExists(registry.log);
        registry.start();
        return registry;
    }

    /** Starts the process again (after {@link #close()}), on the same port and stored schemas. */
    public void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.resolve("registry").toAbsolutePath(),
                "-jar", runner.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    public void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/apis/registry/v3/system/info")).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Apicurio Registry did not start within " + START_TIMEOUT + "; see " + log);
    }

    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
