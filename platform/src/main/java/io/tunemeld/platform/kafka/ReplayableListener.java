package io.tunemeld.platform.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;

/**
 * A listener that can reprocess its input: on request it seeks the partitions assigned to this replica
 * back to a time (or to the beginning). The seeks are performed by the consumer threads themselves, so
 * processing in flight is never disturbed. Every service's listeners extend this.
 */
public abstract class ReplayableListener extends AbstractConsumerSeekAware {

    /**
     * @param topics only these topics; empty for all this listener reads
     * @param from the time to go back to; null for the earliest retained record
     * @return how many partitions of this replica will be reprocessed
     */
    public int replay(Collection<String> topics, Instant from) {
        int partitions = 0;
        for (var entry : getCallbacksAndTopics().entrySet()) {
            var wanted = entry.getValue().stream().filter(p -> topics.isEmpty() || topics.contains(p.topic())).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            if (from == null) {
                entry.getKey().seekToBeginning(wanted);
            } else {
                entry.getKey().seekToTimestamp(wanted, from.toEpochMilli());
            }
            partitions += wanted.size();
        }
        return partitions;
    }

    /** The partitions this replica holds now, per topic (for reports). */
    public Map<String, Long> assignedPartitionsByTopic() {
        return getTopicsAndCallbacks().keySet().stream()
                .collect(java.util.stream.Collectors.groupingBy(p -> p.topic(), java.util.stream.Collectors.counting()));
    }
}
