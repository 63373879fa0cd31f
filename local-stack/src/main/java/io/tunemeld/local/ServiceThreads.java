package io.tunemeld.local;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Which service of the local stack a thread works for, so that the console can say who wrote a line:
 * the five services share this JVM's one Logback. A service is started on a thread marked with its
 * name, and every thread its context creates (listener containers, the web server's workers, schedulers,
 * its Kafka and Redis clients' threads) inherits the mark. Threads shared by the whole JVM carry none.
 */
public final class ServiceThreads {

    private static final InheritableThreadLocal<String> SERVICE = new InheritableThreadLocal<>();

    private ServiceThreads() {
    }

    /** Runs the start of a service on a thread of its own, marked as the service's, and waits for it. */
    static <T> T startAs(String service, Supplier<T> start) {
        FutureTask<T> task = new FutureTask<>(() -> {
            SERVICE.set(service);
            return start.get();
        });
        new Thread(task, "start-" + service).start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + service + " started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(service + " did not start", e.getCause());
        }
    }

    /** {@code %service} in the console's pattern: the name of the service the logging thread works for. */
    public static final class Converter extends ClassicConverter {

        @Override
        public String convert(ILoggingEvent event) {
            String service = SERVICE.get();
            return service == null ? "" : service;
        }
    }
}
