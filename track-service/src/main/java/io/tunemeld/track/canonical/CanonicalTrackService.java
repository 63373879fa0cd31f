package io.tunemeld.track.canonical;

import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.platform.kafka.RecordFields;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.canonical.CanonicalTrackRepository.OtherKey;
import io.tunemeld.track.canonical.CanonicalTrackRepository.Sighting;
import io.tunemeld.track.canonical.CanonicalTrackRepository.Stored;
import io.tunemeld.track.lookup.UrlLookup;
import io.tunemeld.track.lookup.UrlSearch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the services' sightings of tracks into canonical tracks, a batch at a time (a few statements
 * per batch, not per sighting). A track is published when it changed, and when a sighting of it is no
 * later than the stored one: the same sighting again, its batch redelivered after a crash between the
 * commit and the publish (or replayed), whose tracks changed then and may not have been announced. A
 * chart fetched again, its sightings later and its tracks unchanged, announces nothing downstream.
 *
 * <p>A service page belongs to one key at a time. When the normalizer re-keys an entry (a fallback key
 * becomes the ISRC the catalog has since learnt), the page's earlier sighting under the old key is
 * removed; a track left with no sighting is replaced by the new key and announced as such.
 */
@Service
public class CanonicalTrackService {

    private final CanonicalTrackRepository tracks;
    private final TrackEvents trackEvents;
    private final TransactionTemplate transaction;
    private final List<UrlLookup> lookups;
    private final ApplicationEventPublisher events;

    CanonicalTrackService(CanonicalTrackRepository tracks, TrackEvents trackEvents, TransactionTemplate transaction,
            ObjectProvider<UrlLookup> lookups, ApplicationEventPublisher events) {
        this.tracks = tracks;
        this.trackEvents = trackEvents;
        this.transaction = transaction;
        this.events = events;
        // the look-ups whose service is configured (an unconfigured one is a null bean, left out)
        this.lookups = lookups.orderedStream().toList();
    }

    public List<OutgoingEvent<?>> handle(ServiceTrackResolved event) {
        return handle(List.of(event));
    }

    /**
     * @param events in the order they were published
     * @return the tracks' events, to be published once this is committed
     */
    public List<OutgoingEvent<?>> handle(List<ServiceTrackResolved> events) {
        List<Sighting> sightings = events.stream().map(CanonicalTrackService::sighting).toList();
        Set<String> sighted = new LinkedHashSet<>();
        sightings.forEach(s -> sighted.add(s.track().trackKey()));
        Batch batch = transaction.execute(status -> {
            List<Sighting> pages = newestPerPage(sightings);
            tracks.holdPages(pages);
            List<OtherKey> otherKeys = tracks.otherKeysOfPages(pages);
            Set<Sighting> stale = new HashSet<>();
            otherKeys.stream().filter(OtherKey::later).forEach(other -> stale.add(other.sighting()));
            pages.removeAll(stale);
            List<Sighting> newest = newestPerKeyAndService(pages);
            Set<Sighting> written = new HashSet<>(tracks.saveSightings(newest));
            Set<String> repeated = new HashSet<>();
            newest.stream().filter(s -> !written.contains(s)).forEach(s -> repeated.add(s.track().trackKey()));
            stale.forEach(s -> repeated.add(s.track().trackKey()));
            // every page claims its key, also one whose sighting lost to a newer one of the same key and service
            Map<String, String> moved = tracks.removeEarlierSightings(otherKeys.stream()
                    .filter(other -> !stale.contains(other.sighting())).toList());
            Set<String> affected = new LinkedHashSet<>(sighted);
            affected.addAll(moved.keySet());
            Merged merged = saveMerged(affected, knownUrls(affected));
            Set<String> announced = new HashSet<>(moved.keySet());
            announced.addAll(merged.changed());
            announced.addAll(repeated);
            Map<String, String> replaced = new HashMap<>(moved);
            replaced.keySet().removeAll(merged.tracks().keySet());
            tracks.replace(replaced);
            // what a key sighted again replaced is announced again too: the first announcement may have been lost
            Set<String> replacing = new HashSet<>(replaced.values());
            replacing.addAll(repeated);
            return new Batch(merged.tracks(), announced, replacing);
        });
        Map<String, Stored> saved = batch.tracks();
        Merged found = lookUpMissingUrls(saved);
        saved.putAll(found.tracks());
        Set<String> announced = new HashSet<>(batch.announced());
        announced.addAll(found.changed());
        List<OutgoingEvent<?>> published = new ArrayList<>();
        tracks.replacedBy(batch.replacing()).forEach((replaced, by) -> published.add(trackEvents.replaced(replaced, by)));
        saved.values().stream().filter(track -> announced.contains(track.track().trackKey()))
                .forEach(track -> published.add(trackEvents.canonicalized(track)));
        // every time too: a crash before it is redelivered with the batch, and a track scheduled already stays as it is
        Map<String, Set<String>> genres = new LinkedHashMap<>();
        events.forEach(event -> {
            if (saved.containsKey(event.getTrackKey())) {
                genres.computeIfAbsent(event.getTrackKey(), key -> new TreeSet<>()).add(event.getGenre());
            }
        });
        this.events.publishEvent(new TracksSighted(genres));
        return published;
    }

    private static Sighting sighting(ServiceTrackResolved event) {
        MusicService service = RecordFields.service(event.getService());
        return new Sighting(new ServiceTrack(event.getTrackKey(), service, event.getIsrc(), event.getTitle(), event.getArtists(),
                event.getAlbum(), event.getArtworkUrl(), event.getUrl()), event.getOccurredAt(), event.getSnapshotId(),
                event.getResolvedAt());
    }

    /** Per service page the newest sighting (between equals the last). */
    private static List<Sighting> newestPerPage(List<Sighting> sightings) {
        Map<Object, Sighting> perPage = new LinkedHashMap<>();
        for (Sighting s : sightings) {
            perPage.merge(s.track().url() == null ? s : List.of(s.track().service(), s.track().url()), s, CanonicalTrackService::newer);
        }
        return new ArrayList<>(perPage.values());
    }

    /** Per key and service the newest sighting (between equals the last), as the table keeps one. */
    private static List<Sighting> newestPerKeyAndService(List<Sighting> sightings) {
        Map<List<Object>, Sighting> perKey = new LinkedHashMap<>();
        sightings.forEach(s -> perKey.merge(List.of(s.track().trackKey(), s.track().service()), s, CanonicalTrackService::newer));
        return new ArrayList<>(perKey.values());
    }

    private static Sighting newer(Sighting earlier, Sighting later) {
        return Sighting.ORDER.compare(later, earlier) >= 0 ? later : earlier;
    }

    /**
     * What a batch's transaction saved: the merged tracks by key, the keys to announce (changed, or sighted no
     * later than stored: their batch again, after a crash or in a replay), and the keys whose replacements of
     * other keys to announce.
     */
    private record Batch(Map<String, Stored> tracks, Set<String> announced, Set<String> replacing) {
    }

    /**
     * Merged tracks by key (keys without any sighting, left to another key, are absent), and the keys of
     * those that changed.
     */
    private record Merged(Map<String, Stored> tracks, Set<String> changed) {
    }

    /** Merges these keys' sightings, saving the tracks that changed. */
    private Merged saveMerged(Set<String> keys, Map<String, Map<MusicService, String>> lookedUp) {
        Map<String, List<ServiceTrack>> sightings = tracks.sightings(keys);
        Map<String, Stored> existing = tracks.find(sightings.keySet());
        Map<String, Stored> merged = new LinkedHashMap<>();
        List<CanonicalTrack> changed = new ArrayList<>();
        for (String key : keys) {
            List<ServiceTrack> seen = sightings.get(key);
            if (seen != null) {
                CanonicalTrack track = CanonicalTrack.merge(key, seen, lookedUp.getOrDefault(key, Map.of()));
                Stored stored = existing.get(key);
                if (stored != null && stored.track().equals(track)) {
                    merged.put(key, stored);
                } else {
                    merged.put(key, null);
                    changed.add(track);
                }
            }
        }
        tracks.save(changed).forEach(saved -> merged.put(saved.track().trackKey(), saved));
        return new Merged(merged, changed.stream().map(CanonicalTrack::trackKey).collect(Collectors.toSet()));
    }

    private Map<String, Map<MusicService, String>> knownUrls(Set<String> keys) {
        Map<String, Map<MusicService, String>> urls = new HashMap<>();
        for (UrlLookup lookup : lookups) {
            lookup.knownUrls(keys).forEach((key, url) -> urls.computeIfAbsent(key, k -> new EnumMap<>(MusicService.class))
                    .put(lookup.service(), url));
        }
        return urls;
    }

    /**
     * Searches the services that did not link a track, for tracks with an ISRC never searched before: a
     * fallback key is mostly provisional (Apple Music's entries are re-keyed once the catalog learns their
     * ISRC), and the day's few searches would be spent on keys about to go. Outside any transaction: HTTP
     * calls, at most once per track and service, within each service's daily budget.
     *
     * @return the tracks that gained a page, saved
     */
    private Merged lookUpMissingUrls(Map<String, Stored> saved) {
        Set<String> found = new LinkedHashSet<>();
        for (UrlLookup lookup : lookups) {
            List<String> candidates = saved.values().stream().map(Stored::track)
                    .filter(track -> track.isrc() != null && !track.urls().containsKey(lookup.service()))
                    .map(CanonicalTrack::trackKey).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            for (String key : lookup.neverSearched(candidates)) {
                CanonicalTrack track = saved.get(key).track();
                lookup.lookUp(key, new UrlSearch.TrackQuery(track.isrc(), track.title(), track.artist()))
                        .ifPresent(url -> found.add(key));
            }
        }
        if (found.isEmpty()) {
            return new Merged(Map.of(), Set.of());
        }
        return transaction.execute(status -> saveMerged(found, knownUrls(found)));
    }
}
