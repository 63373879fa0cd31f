package io.tunemeld.platform.kafka;

import com.microsoft.kiota.ApiException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Failures that come from infrastructure being away, not from the record being processed. */
final class Outages {

    /** The longest pause between two attempts while an outage lasts. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

    private Outages() {
    }

    /**
     * Whether the failure, or any of its causes, is the database, the broker or the schema registry being
     * unreachable (or the registry failing on its side); a publish not acknowledged in time
     * ({@link EventSender}'s wait running out) is the broker being away too.
     */
    static boolean isOutage(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException || cause instanceof RetriableException
                || cause instanceof ConnectException || cause instanceof TimeoutException
                || cause instanceof ApiException registry && registry.getResponseStatusCode() >= 500);
    }

    /** Whether the failure or any of its causes is of the given type. */
    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return causedBy(failure, type::isInstance);
    }

    private static boolean causedBy(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Doubling pauses up to {@link #MAX_INTERVAL}, with no end. */
    static BackOff backOff(Duration first) {
        var backOff = new ExponentialBackOff(first.toMillis(), 2.0);
        backOff.setMaxInterval(MAX_INTERVAL.toMillis());
        return backOff;
    }
}
