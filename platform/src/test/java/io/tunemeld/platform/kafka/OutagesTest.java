package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class OutagesTest {

    @Test
    void theDatabaseOrBrokerAwayIsAnOutageWhereverItSitsInTheCauses() {
        var noConnection = new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new java.sql.SQLException("refused")));
        assertThat(Outages.isOutage(noConnection)).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException("send failed", new TimeoutException("no broker")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aFaultOfTheRecordIsNot() {
        assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed", new RejectedRecordException("bad payload"))))
                .isFalse();
        assertThat(Outages.isOutage(new org.springframework.dao.DataIntegrityViolationException("value too long"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
    }

    @Test
    void anOutageIsRetriedWithoutEndAtAtMostThirtySecondsApart() {
        BackOffExecution execution = Outages.backOff(Duration.ofMillis(500)).start();
        long last = 0;
        for (int attempt = 0; attempt < 1000; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(Outages.MAX_INTERVAL.toMillis());
        }
        assertThat(last).isEqualTo(Outages.MAX_INTERVAL.toMillis());
    }
}
