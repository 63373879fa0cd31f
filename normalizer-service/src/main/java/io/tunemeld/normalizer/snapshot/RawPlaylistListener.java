package io.tunemeld.normalizer.snapshot;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class RawPlaylistListener extends ReplayableListener {

    private final SnapshotService snapshots;

    RawPlaylistListener(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @KafkaListener(topics = Topics.Names.RAW_PLAYLISTS, concurrency = "${tunemeld.normalizer.concurrency}")
    void on(RawPlaylistFetched event) {
        snapshots.handle(event);
    }
}
