package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ServiceTrackListener extends ReplayableListener {

    private final CanonicalTrackService tracks;

    ServiceTrackListener(CanonicalTrackService tracks) {
        this.tracks = tracks;
    }

    @KafkaListener(topics = Topics.SERVICE_TRACKS)
    void on(ServiceTrackResolved event) {
        tracks.handle(event);
    }
}
