package io.tunemeld.local;

import java.io.IOException;
import redis.embedded.RedisServer;

/** A real redis-server binary (shipped in the embedded-redis jar), bound to the loopback address. */
final class LocalRedis implements AutoCloseable {

    private final RedisServer server;

    private LocalRedis(RedisServer server) {
        this.server = server;
    }

    static LocalRedis start(int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                // a cache: nothing to persist, and no dump file left in the working directory
                .setting("save \"\"").setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(server);
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
