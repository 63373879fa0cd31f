package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.EventSender;
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
    private final EventSender sender;

    ServiceTrackListener(CanonicalTrackService tracks, EventSender sender) {
        this.tracks = tracks;
        this.sender = sender;
    }

    @KafkaListener(topics = Topics.SERVICE_TRACKS, batch = "true")
    void on(List<ConsumerRecord<String, ServiceTrackResolved>> records) {
        RecordBatches.process(records, sender, tracks::handle, tracks::handle);
    }
}
