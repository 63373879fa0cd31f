package io.tunemeld.cache.readmodel;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ReadModelListener extends ReplayableListener {

    private final ReadModel readModel;

    ReadModelListener(ReadModel readModel) {
        this.readModel = readModel;
    }

    @KafkaListener(topics = Topics.AGGREGATES)
    void on(AggregateComputed event) {
        readModel.apply(event);
    }

    @KafkaListener(topics = Topics.PLAYLIST_SNAPSHOTS)
    void on(PlaylistSnapshotResolved event) {
        readModel.apply(event);
    }

    @KafkaListener(topics = Topics.TRACKS)
    void on(TrackCanonicalized event) {
        readModel.apply(event);
    }

    @KafkaListener(topics = Topics.VIEW_COUNTS)
    void on(ViewsCounted event) {
        readModel.apply(event);
    }
}
