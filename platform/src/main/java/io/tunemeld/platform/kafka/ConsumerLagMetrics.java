package io.tunemeld.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The service's own consumer lag as metrics ({@code tunemeld_kafka_consumer_lag_records} and
 * {@code tunemeld_kafka_consumer_lag_seconds} per topic and partition), the same figures as
 * {@code ./tunemeld lag}, and the records dead-lettered from each input topic
 * ({@code tunemeld_kafka_dead_letters}), refreshed on an interval by a background thread.
 */
public class ConsumerLagMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final Map<String, Object> kafkaConfig;
    private final String group;
    private final Duration interval;
    private final Clock clock;
    private final MultiGauge records;
    private final MultiGauge seconds;
    private final MultiGauge deadLetters;
    private ScheduledExecutorService scheduler;
    private ConsumerLagReader reader;

    public ConsumerLagMetrics(MeterRegistry registry, Map<String, Object> kafkaConfig, String group, Duration interval, Clock clock) {
        this.kafkaConfig = kafkaConfig;
        this.group = group;
        this.interval = interval;
        this.clock = clock;
        this.records = MultiGauge.builder("tunemeld.kafka.consumer.lag.records")
                .description("Records not yet consumed by this service's consumer group").register(registry);
        this.seconds = MultiGauge.builder("tunemeld.kafka.consumer.lag.seconds")
                .description("Age of the oldest record not yet consumed").baseUnit("seconds").register(registry);
        this.deadLetters = MultiGauge.builder("tunemeld.kafka.dead.letters")
                .description("Records ever dead-lettered from an input topic: the end offsets of <topic>-dlt").register(registry);
    }

    void refresh() {
        try {
            if (reader == null) {
                reader = new ConsumerLagReader(kafkaConfig, clock);
            }
            List<MultiGauge.Row<?>> recordRows = new ArrayList<>();
            List<MultiGauge.Row<?>> secondRows = new ArrayList<>();
            Set<String> topics = new TreeSet<>();
            for (var lag : reader.read(List.of(group))) {
                for (var partition : lag.partitions()) {
                    topics.add(partition.topic());
                    Tags tags = Tags.of("group", group, "topic", partition.topic(), "partition", String.valueOf(partition.partition()));
                    recordRows.add(MultiGauge.Row.of(tags, partition.records()));
                    secondRows.add(MultiGauge.Row.of(tags, partition.age().toMillis() / 1000.0));
                }
            }
            records.register(recordRows, true);
            seconds.register(secondRows, true);
            deadLetters.register(reader.deadLetters(topics).entrySet().stream()
                    .map(dead -> MultiGauge.Row.of(Tags.of("group", group, "topic", dead.getKey()), dead.getValue())).toList(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not read the consumer lag of {}: {}", group, e.getMessage());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consumer-lag-" + group);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
