package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.RecordBatches;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Sightings arrive by the hundred (a playlist's worth at once): a batch listener, one wait for what it publishes. */
@Component
class ServiceTrackListener extends ReplayableListener {

    private final CanonicalTrackService tracks;
    private final RecordBatches batches;

    ServiceTrackListener(CanonicalTrackService tracks, RecordBatches batches) {
        this.tracks = tracks;
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.Names.SERVICE_TRACKS, batch = "true")
    void on(List<ConsumerRecord<String, ServiceTrackResolved>> records) {
        batches.process(records, tracks::handle, tracks::handle);
    }
}
