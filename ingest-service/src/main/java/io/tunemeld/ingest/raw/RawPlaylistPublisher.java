package io.tunemeld.ingest.raw;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
public class RawPlaylistPublisher {

    private final EventSender sender;
    private final Clock clock;

    RawPlaylistPublisher(EventSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    public void publish(StoredPayload stored, UUID runId) {
        var event = RawPlaylistFetched.newBuilder()
                .setEventId(EventIds.of(stored.genre(), stored.service(), stored.contentHash()))
                .setOccurredAt(clock.instant())
                .setRunId(runId.toString())
                .setGenre(stored.genre())
                .setService(stored.service())
                .setSource(stored.source())
                .setSourceRef(stored.sourceRef())
                .setContentHash(stored.contentHash())
                .setFetchedAt(stored.fetchedAt())
                .setPayload(stored.payload())
                .build();
        sender.send(Topics.RAW_PLAYLISTS, Topics.playlistKey(stored.genre(), MusicService.ofSlug(stored.service())), event);
    }
}
