package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.lookup.UrlLookup;
import io.tunemeld.track.lookup.UrlSearch;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
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
    private final List<UrlLookup> lookups;

    CanonicalTrackService(CanonicalTrackRepository tracks, TrackPublisher publisher, TransactionTemplate transaction,
            ObjectProvider<UrlLookup> lookups) {
        this.tracks = tracks;
        this.publisher = publisher;
        this.transaction = transaction;
        // the look-ups whose service is configured (an unconfigured one is a null bean, left out)
        this.lookups = lookups.orderedStream().toList();
    }

    public CanonicalTrack handle(ServiceTrackResolved event) {
        MusicService service = MusicService.fromSlug(event.getService())
                .orElseThrow(() -> new RejectedRecordException("unknown service '" + event.getService() + "'"));
        ServiceTrack sighting = new ServiceTrack(event.getTrackKey(), service, event.getIsrc(), event.getTitle(),
                event.getArtists(), event.getAlbum(), event.getArtworkUrl(), event.getUrl());
        String key = event.getTrackKey();
        Map<MusicService, String> lookedUp = new EnumMap<>(MusicService.class);
        CanonicalTrack track = transaction.execute(status -> {
            tracks.saveSighting(sighting, event.getOccurredAt(), event.getSnapshotId());
            lookups.forEach(lookup -> lookup.knownUrl(key).ifPresent(url -> lookedUp.put(lookup.service(), url)));
            return saveMerged(key, lookedUp);
        });
        // only for tracks with an ISRC: a fallback key is mostly provisional (Apple Music's entries are re-keyed
        // once the catalog learns their ISRC), and the day's few searches would be spent on keys about to go
        if (track.isrc() != null) {
            UrlSearch.TrackQuery query = new UrlSearch.TrackQuery(track.isrc(), track.title(), track.artist());
            int known = lookedUp.size();
            for (UrlLookup lookup : lookups) {
                if (!track.urls().containsKey(lookup.service())) {
                    // outside the transaction: an HTTP call, at most once per track and service, within the budget
                    lookup.lookUp(key, query).ifPresent(url -> lookedUp.put(lookup.service(), url));
                }
            }
            if (lookedUp.size() > known) {
                track = transaction.execute(status -> saveMerged(key, lookedUp));
            }
        }
        publisher.publish(track);
        return track;
    }

    private CanonicalTrack saveMerged(String trackKey, Map<MusicService, String> lookedUp) {
        CanonicalTrack merged = CanonicalTrack.merge(trackKey, tracks.sightings(trackKey), lookedUp);
        if (!tracks.find(merged.trackKey()).filter(merged::equals).isPresent()) {
            tracks.save(merged);
        }
        return merged;
    }
}
