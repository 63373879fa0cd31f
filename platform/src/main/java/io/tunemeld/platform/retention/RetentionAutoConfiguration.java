package io.tunemeld.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The retention job, scheduled and at {@code /actuator/retention}: it deletes by the service's
 * {@link RetentionRule} beans (a service that keeps no history declares none, and its job removes nothing).
 */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    @Bean
    RetentionJob retentionJob(ObjectProvider<RetentionRule> rules, JdbcClient jdbc, RetentionProperties properties,
            ObjectProvider<MeterRegistry> meters, Clock clock) {
        return new RetentionJob(rules.orderedStream().toList(), jdbc, properties, meters.getIfAvailable(SimpleMeterRegistry::new), clock);
    }

    @Bean
    RetentionEndpoint retentionEndpoint(RetentionJob job) {
        return new RetentionEndpoint(job);
    }
}
