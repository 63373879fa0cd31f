package io.tunemeld.cache.readmodel;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.platform.kafka.RecordBatches;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ReadModelListener extends ReplayableListener {

    private final ReadModelProjection readModel;
    private final RecordBatches batches;

    ReadModelListener(ReadModelProjection readModel, RecordBatches batches) {
        this.readModel = readModel;
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.Names.AGGREGATES)
    void on(AggregateComputed event) {
        readModel.apply(event);
    }

    @KafkaListener(topics = Topics.Names.PLAYLIST_SNAPSHOTS)
    void on(PlaylistSnapshotResolved event) {
        readModel.apply(event);
    }

    /** A playlist's worth of tracks arrives at once: one statement and one Redis pipeline for a batch. */
    @KafkaListener(topics = Topics.Names.TRACKS, batch = "true")
    void onTracks(List<ConsumerRecord<String, TrackCanonicalized>> records) {
        // the read model is the end of the line: nothing is published
        batches.process(records, tracks -> {
            readModel.apply(tracks);
            return List.of();
        }, track -> {
            readModel.apply(track);
            return List.of();
        });
    }

    @KafkaListener(topics = Topics.Names.ENRICHMENTS)
    void on(TrackEnriched event) {
        readModel.apply(event);
    }

    @KafkaListener(topics = Topics.Names.VIEW_COUNTS)
    void on(ViewsCounted event) {
        readModel.apply(event);
    }
}
