package io.tunemeld.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every service needs beyond {@code spring.kafka.*}.
 *
 * @param registryUrl base URL of the Apicurio Registry (the serdes add the API path)
 * @param partitions partitions of the topics a service creates
 * @param replicationFactor replication factor of the topics a service creates
 * @param retryAttempts attempts at a failing record before it goes to the dead-letter topic
 * @param retryInterval first pause between attempts (doubled each time)
 * @param sendTimeout how long a publish may wait for the broker's acknowledgement
 * @param lagInterval how often the consumer-lag metrics are refreshed
 */
@ConfigurationProperties("tunemeld.kafka")
public record TuneMeldKafkaProperties(
        @DefaultValue("http://localhost:8081") String registryUrl,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("30s") Duration lagInterval) {
}
