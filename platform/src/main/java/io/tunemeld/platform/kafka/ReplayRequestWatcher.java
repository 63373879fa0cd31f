package io.tunemeld.platform.kafka;

import io.tunemeld.events.ReplayRequested;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the service's replay-request topic on every replica, without a consumer group (each replica
 * reads every request, from the moment it starts), and has this service's listeners replay. Together
 * the replicas cover every partition the service's group holds.
 */
public class ReplayRequestWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayRequestWatcher.class);

    private final Map<String, Object> consumerConfig;
    private final String service;
    private final List<ReplayableListener> listeners;
    private KafkaConsumer<String, Object> consumer;
    private Thread thread;
    private volatile boolean running;

    public ReplayRequestWatcher(Map<String, Object> kafkaConfig, String registryUrl, String service,
            List<ReplayableListener> listeners) {
        this.consumerConfig = new HashMap<>(kafkaConfig);
        this.consumerConfig.putAll(AvroSerdes.consumerConfig(registryUrl));
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.service = service;
        this.listeners = listeners;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig);
        var partitions = consumer.partitionsFor(Topics.replayRequests(service).name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        running = true;
        thread = new Thread(this::watch, "replay-requests-" + service);
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() instanceof ReplayRequested request && service.equals(request.getService())) {
                        int partitions = listeners.stream().mapToInt(l -> l.replay(request.getTopics(), request.getFrom())).sum();
                        log.info("replay {} of {} from {}: {} partitions of this replica", request.getEventId(),
                                request.getTopics().isEmpty() ? "all inputs" : request.getTopics(),
                                request.getFrom() == null ? "the beginning" : request.getFrom(), partitions);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            log.error("replay requests are no longer watched: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
