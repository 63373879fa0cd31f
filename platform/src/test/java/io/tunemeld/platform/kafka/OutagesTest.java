package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import java.net.ConnectException;
import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
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
    void theRegistryAwayOrFailingIsAnOutageWhileARecordThatCannotBeReadIsNot() {
        var unreachable = new DeserializationException("failed to deserialize", new byte[0], false,
                new RuntimeException("schema lookup failed", new ConnectException("Connection refused: /127.0.0.1:8081")));
        assertThat(Outages.isOutage(unreachable)).isTrue();
        ApiException unavailable = new ApiExceptionBuilder().withMessage("registry failed").withResponseStatusCode(503).build();
        assertThat(Outages.isOutage(new DeserializationException("failed to deserialize", new byte[0], false, unavailable))).isTrue();
        ApiException notFound = new ApiExceptionBuilder().withMessage("no such content id").withResponseStatusCode(404).build();
        var unreadable = new DeserializationException("failed to deserialize", new byte[] {1, 2}, false, notFound);
        assertThat(Outages.isOutage(unreadable)).isFalse();
        assertThat(Outages.causedBy(new ListenerExecutionFailedException("listener failed", unreadable), DeserializationException.class)).isTrue();
        assertThat(Outages.causedBy(new ListenerExecutionFailedException("listener failed", new RejectedRecordException("bad")),
                DeserializationException.class)).isFalse();
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
