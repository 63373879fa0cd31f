package io.tunemeld.platform.kafka;

import java.time.Instant;
import java.util.Collection;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;

/**
 * A listener that can reprocess its input: on request it seeks the partitions assigned to this replica
 * back to a time (or to the beginning). The seeks are performed by the consumer threads themselves, so
 * processing in flight is never disturbed. Every service's listeners extend this.
 */
public abstract class ReplayableListener extends AbstractConsumerSeekAware {

    private volatile int lastReplayPartitions;

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
        lastReplayPartitions = partitions;
        return partitions;
    }

    /** How many partitions this replica sought back at the last replay (0 before any). */
    public int lastReplayPartitions() {
        return lastReplayPartitions;
    }
}
