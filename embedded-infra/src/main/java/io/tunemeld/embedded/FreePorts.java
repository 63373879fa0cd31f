package io.tunemeld.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Ports free now, for servers that must not collide with a running stack, each different from the ones handed
 * out before: below Linux's ephemeral range (32768 and up), because a port the system handed out would be free
 * when chosen, yet could be taken by an outgoing connection before the server binds it.
 */
public final class FreePorts {

    private static final Random RANDOM = new Random();

    private final Set<Integer> taken = new HashSet<>();

    public synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 10_000 + RANDOM.nextInt(22_000);
            if (!taken.contains(port)) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    taken.add(port);
                    return port;
                } catch (IOException e) {
                    // in use: try another
                }
            }
        }
        throw new IllegalStateException("no free port found between 10000 and 32000");
    }
}
