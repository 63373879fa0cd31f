package io.tunemeld.local;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The shared stack's part in the test session: before any test runs, every test class of the plan
 * contributes its {@link StackSetup}; once the tests are done, the stack closes, the services first, then
 * what they run on. Left to the JVM's shutdown hooks, Testcontainers' own hook removes the containers while
 * the services are still stopping.
 */
public class SharedStackSession implements LauncherSessionListener, TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        List<Class<?>> classes = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                test.getSource().filter(ClassSource.class::isInstance)
                        .ifPresent(source -> classes.add(((ClassSource) source).getJavaClass()));
            }
        }
        SharedStack.prepare(classes);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedStack.close();
    }
}
