package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.MusicService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds each service's sighting of a track into the canonical track. The canonical track is published
 * after every sighting, changed or not: had a crash come between the commit and the publish, the
 * redelivered sighting would see no change, and the event would be lost.
 */
@Service
public class CanonicalTrackService {

    private final CanonicalTrackRepository tracks;
    private final TrackPublisher publisher;
    private final TransactionTemplate transaction;

    CanonicalTrackService(CanonicalTrackRepository tracks, TrackPublisher publisher, TransactionTemplate transaction) {
        this.tracks = tracks;
        this.publisher = publisher;
        this.transaction = transaction;
    }

    public CanonicalTrack handle(ServiceTrackResolved event) {
        MusicService service = MusicService.fromSlug(event.getService())
                .orElseThrow(() -> new RejectedRecordException("unknown service '" + event.getService() + "'"));
        ServiceTrack sighting = new ServiceTrack(event.getTrackKey(), service, event.getIsrc(), event.getTitle(),
                event.getArtists(), event.getAlbum(), event.getArtworkUrl(), event.getUrl());
        CanonicalTrack track = transaction.execute(status -> {
            tracks.saveSighting(sighting, event.getOccurredAt());
            CanonicalTrack merged = CanonicalTrack.merge(event.getTrackKey(), tracks.sightings(event.getTrackKey()));
            if (!tracks.find(merged.trackKey()).filter(merged::equals).isPresent()) {
                tracks.save(merged);
            }
            return merged;
        });
        publisher.publish(track);
        return track;
    }
}
