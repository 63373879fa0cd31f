package io.tunemeld.ingest.raw;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import io.tunemeld.ingest.IngestProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

@Component
public class RawPlaylistPublisher {

    private final EventSender sender;
    private final Clock clock;
    private final DataSize maxPayloadSize;

    RawPlaylistPublisher(EventSender sender, Clock clock, IngestProperties settings) {
        this.sender = sender;
        this.clock = clock;
        this.maxPayloadSize = settings.maxPayloadSize();
    }

    /**
     * @throws PayloadTooLargeException when the payload is larger than an event may carry (it stays stored
     *         raw, and the run records the reason)
     */
    public void publish(StoredPayload stored, UUID runId) {
        long bytes = stored.payload().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxPayloadSize.toBytes()) {
            throw new PayloadTooLargeException("payload of %,d bytes is larger than the %,d an event may carry (tunemeld.ingest.max-payload-size)"
                    .formatted(bytes, maxPayloadSize.toBytes()));
        }
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
        sender.send(Topics.RAW_PLAYLISTS, Topics.playlistKey(stored.genre(), MusicService.of(stored.service())), event);
    }
}
