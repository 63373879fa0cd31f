package io.tunemeld.local;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the shared stack once the test JVM's tests are done: the services first, then what they run on.
 * Left to the JVM's shutdown hooks, Testcontainers' own hook removes the containers while the services
 * are still stopping.
 */
public class SharedStackSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedStack.close();
    }
}
