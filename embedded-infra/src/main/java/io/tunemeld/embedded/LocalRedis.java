package io.tunemeld.embedded;

import java.io.IOException;
import redis.embedded.RedisServer;

/** A real redis-server binary (shipped in the embedded-redis jar), bound to the loopback address. */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private final String password;
    private RedisServer server;

    private LocalRedis(int port, String password) {
        this.port = port;
        this.password = password;
    }

    /** @param password every client must give it, as a production Redis would require */
    public static LocalRedis start(int port, String password) throws IOException {
        LocalRedis redis = new LocalRedis(port, password);
        redis.restart();
        return redis;
    }

    /** Starts a fresh, empty server on the same port (after {@link #close()}, as after a crash). */
    public void restart() throws IOException {
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                // a cache: nothing to persist, and no dump file left in the working directory
                .setting("save \"\"").setting("appendonly no")
                .setting("requirepass " + password)
                // no client reconfigures the server (CONFIG SET dir/dbfilename writes files where it is told), so the
                // key writes ./tunemeld bench times are announced from the start
                .setting("rename-command CONFIG \"\"")
                .setting("notify-keyspace-events K$")
                .build();
        server.start();
    }

    /** The redis-server process: the one child of this JVM running it. */
    public long pid() {
        return ProcessHandle.current().children().filter(child -> child.info().command().orElse("").contains("redis"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no redis-server among this JVM's children")).pid();
    }

    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
    }
}
