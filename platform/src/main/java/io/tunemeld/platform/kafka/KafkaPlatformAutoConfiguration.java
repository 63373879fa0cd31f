package io.tunemeld.platform.kafka;

import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.Topics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka as every TuneMeld service uses it: Boot's own factories with the Avro serdes of {@code schemas},
 * poison pills caught by {@link ErrorHandlingDeserializer}, and a bounded retry after which the record
 * goes to {@code <topic>-dlt} with the reason in its headers, so the next record proceeds.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TuneMeldKafkaProperties.class)
public class KafkaPlatformAutoConfiguration {

    private static final BackOff NO_RETRY = new FixedBackOff(0, 0);

    @Bean
    DefaultKafkaProducerFactoryCustomizer avroProducerCustomizer(TuneMeldKafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(AvroSerdes.producerConfig(properties.registryUrl()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a listener's batch sends a few hundred events at once: in record batches of the client's default
        // 16 KB each partition's share would go as several, each a header, a checksum and a log append more
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        return factory -> factory.updateConfigs(config);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer avroConsumerCustomizer(TuneMeldKafkaProperties properties) {
        Map<String, Object> avro = AvroSerdes.consumerConfig(properties.registryUrl());
        Map<String, Object> config = new LinkedHashMap<>(avro);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, avro.get(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG));
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, avro.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return factory -> factory.updateConfigs(config);
    }

    @Bean
    CommonErrorHandler deadLetterErrorHandler(KafkaTemplate<Object, Object> avroTemplate,
            ProducerFactory<Object, Object> producerFactory, TuneMeldKafkaProperties properties) {
        // A record that failed deserialization is re-published as its original bytes; one that failed
        // processing is re-published as the Avro value it was read as.
        KafkaTemplate<Object, Object> bytesTemplate = new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesTemplate);
        templates.put(SpecificRecord.class, avroTemplate);
        var recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
        backOff.setMaxAttempts(properties.retryAttempts() - 1L);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(RejectedRecordException.class);
        // a record that could not be read is retried only when the reason is an outage (its schema could not
        // be fetched from an unreachable registry); one that cannot be read is dead-lettered at once
        handler.removeClassification(DeserializationException.class);
        // the database, the broker or the registry away is no fault of the record: retry it until they are
        // back, never dead-letter it; the partition waits meanwhile and its lag shows the outage
        handler.setBackOffFunction((record, exception) -> Outages.isOutage(exception) ? Outages.backOff(properties.retryInterval())
                : Outages.causedBy(exception, DeserializationException.class) ? NO_RETRY : null);
        return handler;
    }

    /**
     * The listener timers ({@code spring_kafka_listener_seconds}) name the service: their own name tag is
     * the container's bean name, which repeats from one service to the next.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerTimersNameTheService(
            @Value("${spring.application.name}") String service) {
        return container -> container.getContainerProperties().setMicrometerTags(Map.of("service", service));
    }

    /** Named "registry" in health; the readiness group includes it. */
    @Bean
    RegistryHealthIndicator registryHealthIndicator(TuneMeldKafkaProperties properties) {
        return new RegistryHealthIndicator(properties.registryUrl());
    }

    /** Lag metrics for services that consume (those with a consumer group). */
    @Bean
    @ConditionalOnProperty("spring.kafka.consumer.group-id")
    ConsumerLagMetrics consumerLagMetrics(ObjectProvider<MeterRegistry> registry, KafkaProperties kafka,
            TuneMeldKafkaProperties properties, Clock clock) {
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new ConsumerLagMetrics(meters, kafka.buildAdminProperties(), kafka.getConsumer().getGroupId(),
                properties.lagInterval(), clock);
    }

    /** Every consuming service replays on request, through its actuator and its own control topic. */
    @Bean
    @ConditionalOnProperty("spring.kafka.consumer.group-id")
    ReplayRequestWatcher replayRequestWatcher(KafkaProperties kafka, TuneMeldKafkaProperties properties,
            List<ReplayableListener> listeners, @Value("${spring.application.name}") String service) {
        return new ReplayRequestWatcher(kafka.buildConsumerProperties(), properties.registryUrl(), service, listeners);
    }

    @Bean
    @ConditionalOnProperty("spring.kafka.consumer.group-id")
    KafkaAdmin.NewTopics replayRequestsTopic(TuneMeldKafkaProperties properties,
            @Value("${spring.application.name}") String service) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(Topics.replayRequests(service).name()).partitions(1)
                .replicas(properties.replicationFactor()).build());
    }

    @Bean
    @ConditionalOnProperty("spring.kafka.consumer.group-id")
    ReplayEndpoint replayEndpoint(EventSender sender, @Value("${spring.application.name}") String service, Clock clock) {
        return new ReplayEndpoint(sender, service, clock);
    }

    @Bean
    EventSender eventSender(KafkaTemplate<Object, Object> template, TuneMeldKafkaProperties properties,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        return new EventSender(template, properties.sendTimeout(),
                openTelemetry.getIfAvailable(OpenTelemetry::noop).getPropagators().getTextMapPropagator());
    }

    @Bean
    RecordBatches recordBatches(EventSender sender, ObjectProvider<OpenTelemetry> openTelemetry) {
        return new RecordBatches(sender, new BatchSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop)));
    }

    /** Picked up by Boot's listener container factory: every record listener's work is a span of its record's trace. */
    @Bean
    RecordInterceptor<Object, Object> recordSpans(ObjectProvider<OpenTelemetry> openTelemetry) {
        return new RecordSpans(new BatchSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop)));
    }
}
