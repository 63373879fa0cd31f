package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.lookup.UrlLookup;
import io.tunemeld.track.lookup.UrlSearch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds each service's sighting of a track into the canonical track. The canonical track is published
 * after every sighting, changed or not: had a crash come between the commit and the publish, the
 * redelivered sighting would see no change, and the event would be lost.
 *
 * <p>A service page belongs to one key at a time. When the normalizer re-keys an entry (a fallback key
 * becomes the ISRC the catalog has since learnt), the page's earlier sighting under the old key is
 * removed; a track left with no sighting is replaced by the new key and announced as such.
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

    /** @param published where the events go; the caller awaits them */
    public void handle(ServiceTrackResolved event, EventSender.Batch published) {
        MusicService service = MusicService.fromSlug(event.getService())
                .orElseThrow(() -> new RejectedRecordException("unknown service '" + event.getService() + "'"));
        ServiceTrack sighting = new ServiceTrack(event.getTrackKey(), service, event.getIsrc(), event.getTitle(),
                event.getArtists(), event.getAlbum(), event.getArtworkUrl(), event.getUrl());
        String key = event.getTrackKey();
        List<CanonicalTrack> others = new ArrayList<>();
        Optional<CanonicalTrack> saved = transaction.execute(status -> {
            // a sighting from before a re-key (a replay) must not bring the old key back
            if (!tracks.seenLaterUnderAnotherKey(sighting, event.getOccurredAt(), event.getSnapshotId())) {
                tracks.saveSighting(sighting, event.getOccurredAt(), event.getSnapshotId());
                for (String earlier : tracks.removeEarlierSightingsOfPage(sighting, event.getOccurredAt(), event.getSnapshotId())) {
                    saveMerged(earlier, knownUrls(earlier)).ifPresentOrElse(others::add, () -> tracks.replace(earlier, key));
                }
            }
            return saveMerged(key, knownUrls(key));
        });
        others.forEach(other -> publisher.publish(other, published));
        // every time, not only when it happens: a crash before this publish must not lose the announcement
        tracks.replacedBy(key).forEach(replaced -> publisher.publishReplaced(replaced, key, published));
        if (saved.isEmpty()) {
            return;
        }
        CanonicalTrack track = saved.get();
        // only for tracks with an ISRC: a fallback key is mostly provisional (Apple Music's entries are re-keyed
        // once the catalog learns their ISRC), and the day's few searches would be spent on keys about to go
        if (track.isrc() != null) {
            Map<MusicService, String> lookedUp = knownUrls(key);
            int known = lookedUp.size();
            UrlSearch.TrackQuery query = new UrlSearch.TrackQuery(track.isrc(), track.title(), track.artist());
            for (UrlLookup lookup : lookups) {
                if (!track.urls().containsKey(lookup.service())) {
                    // outside the transaction: an HTTP call, at most once per track and service, within the budget
                    lookup.lookUp(key, query).ifPresent(url -> lookedUp.put(lookup.service(), url));
                }
            }
            if (lookedUp.size() > known) {
                track = transaction.execute(status -> saveMerged(key, lookedUp)).orElse(track);
            }
        }
        publisher.publish(track, published);
    }

    private Map<MusicService, String> knownUrls(String trackKey) {
        Map<MusicService, String> urls = new EnumMap<>(MusicService.class);
        lookups.forEach(lookup -> lookup.knownUrl(trackKey).ifPresent(url -> urls.put(lookup.service(), url)));
        return urls;
    }

    /** The merged track saved, or empty when the key has no sighting (left to another key). */
    private Optional<CanonicalTrack> saveMerged(String trackKey, Map<MusicService, String> lookedUp) {
        List<ServiceTrack> sightings = tracks.sightings(trackKey);
        if (sightings.isEmpty()) {
            return Optional.empty();
        }
        CanonicalTrack merged = CanonicalTrack.merge(trackKey, sightings, lookedUp);
        if (!tracks.find(merged.trackKey()).filter(merged::equals).isPresent()) {
            tracks.save(merged);
        }
        return Optional.of(merged);
    }
}
