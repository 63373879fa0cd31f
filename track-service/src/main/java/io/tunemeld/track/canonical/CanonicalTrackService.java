package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.youtube.YoutubeLookup;
import java.util.Optional;
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
    private final Optional<YoutubeLookup> youtube;

    CanonicalTrackService(CanonicalTrackRepository tracks, TrackPublisher publisher, TransactionTemplate transaction,
            Optional<YoutubeLookup> youtube) {
        this.tracks = tracks;
        this.publisher = publisher;
        this.transaction = transaction;
        this.youtube = youtube;
    }

    public CanonicalTrack handle(ServiceTrackResolved event) {
        MusicService service = MusicService.fromSlug(event.getService())
                .orElseThrow(() -> new RejectedRecordException("unknown service '" + event.getService() + "'"));
        ServiceTrack sighting = new ServiceTrack(event.getTrackKey(), service, event.getIsrc(), event.getTitle(),
                event.getArtists(), event.getAlbum(), event.getArtworkUrl(), event.getUrl());
        CanonicalTrack track = transaction.execute(status -> {
            tracks.saveSighting(sighting, event.getOccurredAt(), event.getSnapshotId());
            return saveMerged(event.getTrackKey(), youtube.flatMap(y -> y.knownUrl(event.getTrackKey())));
        });
        // only for tracks with an ISRC: a fallback key is mostly provisional (Apple Music's entries are re-keyed
        // once the catalog learns their ISRC), and the day's few searches would be spent on keys about to go
        if (youtube.isPresent() && track.isrc() != null && !track.urls().containsKey(MusicService.YOUTUBE)) {
            // outside the transaction: an HTTP call, at most once per track, within the daily budget
            Optional<String> video = youtube.get().lookUp(track.trackKey(), track.artist() + " " + track.title());
            if (video.isPresent()) {
                track = transaction.execute(status -> saveMerged(event.getTrackKey(), video));
            }
        }
        publisher.publish(track);
        return track;
    }

    private CanonicalTrack saveMerged(String trackKey, Optional<String> youtubeUrl) {
        CanonicalTrack merged = CanonicalTrack.merge(trackKey, tracks.sightings(trackKey), youtubeUrl);
        if (!tracks.find(merged.trackKey()).filter(merged::equals).isPresent()) {
            tracks.save(merged);
        }
        return merged;
    }
}
