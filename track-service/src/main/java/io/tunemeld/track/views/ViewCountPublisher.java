package io.tunemeld.track.views;

import io.tunemeld.events.ViewsCounted;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

@Component
class ViewCountPublisher {

    private final EventSender sender;

    ViewCountPublisher(EventSender sender) {
        this.sender = sender;
    }

    void publish(String isrc, MusicService service, LocalDate date, long count, Long delta, Instant at) {
        sender.send(Topics.VIEW_COUNTS, isrc, ViewsCounted.newBuilder()
                .setEventId(EventIds.of(isrc, service.slug(), date.toString(), Long.toString(count)))
                .setOccurredAt(at)
                .setIsrc(isrc)
                .setService(service.slug())
                .setDate(date)
                .setCount(count)
                .setDelta(delta)
                .build());
    }
}
