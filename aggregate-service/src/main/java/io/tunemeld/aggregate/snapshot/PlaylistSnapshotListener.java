package io.tunemeld.aggregate.snapshot;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class PlaylistSnapshotListener extends ReplayableListener {

    private final AggregateService aggregates;

    PlaylistSnapshotListener(AggregateService aggregates) {
        this.aggregates = aggregates;
    }

    @KafkaListener(topics = Topics.PLAYLIST_SNAPSHOTS)
    void on(PlaylistSnapshotResolved event) {
        aggregates.handle(event);
    }
}
