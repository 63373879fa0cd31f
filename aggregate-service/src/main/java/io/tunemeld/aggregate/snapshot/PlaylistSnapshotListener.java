package io.tunemeld.aggregate.snapshot;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.platform.kafka.RecordBatches;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A genre's three snapshots often arrive together: a batch listener ranks each genre once per batch. */
@Component
class PlaylistSnapshotListener extends ReplayableListener {

    private final AggregateService aggregates;
    private final RecordBatches batches;

    PlaylistSnapshotListener(AggregateService aggregates, RecordBatches batches) {
        this.aggregates = aggregates;
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.Names.PLAYLIST_SNAPSHOTS, batch = "true")
    void on(List<ConsumerRecord<String, PlaylistSnapshotResolved>> records) {
        batches.process(records, aggregates::handle, aggregates::handle);
    }
}
