package io.tunemeld.normalizer.snapshot;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.PayloadParser;
import io.tunemeld.platform.kafka.RecordFields;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a raw payload into a resolved snapshot. The database work commits before the events are
 * published, and both are idempotent, so a crash in between only repeats them. The snapshots in force
 * with entries waiting for the songs a snapshot carries are resolved again, so the result does not
 * depend on the order in which playlists arrive.
 */
@Service
public class SnapshotService {

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

    private final PayloadParser parser;
    private final TrackResolver resolver;
    private final SnapshotRepository snapshots;
    private final SnapshotPublisher publisher;
    private final TransactionTemplate transaction;

    SnapshotService(PayloadParser parser, TrackResolver resolver, SnapshotRepository snapshots,
            SnapshotPublisher publisher, TransactionTemplate transaction) {
        this.parser = parser;
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.transaction = transaction;
    }

    public void handle(RawPlaylistFetched event) {
        MusicService service = RecordFields.service(event.getService());
        Snapshot snapshot = new Snapshot(event.getEventId(), event.getRunId(), event.getGenre(), service, event.getFetchedAt(),
                parser.parse(service, event.getPayload()));
        List<CatalogEntry> known = snapshot.playlist().entries().stream()
                .map(resolver::catalogEntry).flatMap(Optional::stream).toList();
        record Outcome(List<ResolvedEntry> entries, Map<Integer, Instant> times, Set<String> taughtKeys,
                Map<String, List<CatalogEntry>> candidates) { }
        if (resolver.searches()) {
            // a search (retries, rate-limit waits of up to a minute) never runs in the transaction, which would hold a
            // connection and the poll that long: the entries are resolved once before it, which keeps every answer in
            // the search cache, and the resolution in the transaction reads them from there. What the payload itself
            // teaches the catalog goes in first (idempotently), so that nothing it answers is searched for
            snapshots.learn(known);
            resolve(snapshot);
        }
        Outcome outcome = transaction.execute(status -> {
            snapshots.save(snapshot);
            snapshots.learn(known);
            Map<Integer, StoredResolution> stored = snapshots.resolutions(snapshot.id());
            Instant now = snapshots.now();
            Resolved resolved = resolve(snapshot);
            List<ResolvedEntry> entries = resolved.entries();
            Map<Integer, Instant> times = times(entries, stored, now);
            // what the search found joins the catalog, so the other services' entries match it offline
            List<CatalogEntry> found = entries.stream()
                    .filter(e -> e.resolution().method() == MatchMethod.SEARCH)
                    .map(e -> resolver.catalogEntry(e.entry(), e.resolution().isrc()))
                    .toList();
            snapshots.learn(found);
            snapshots.replaceTracks(snapshot.id(), entries, times);
            snapshots.promote(snapshot);
            Set<String> taught = new TreeSet<>();
            Stream.concat(known.stream(), found.stream()).forEach(entry -> taught.addAll(TrackResolver.waitingKeys(entry)));
            return new Outcome(entries, times, taught, resolved.candidates());
        });
        publisher.publish(snapshot, outcome.entries(), outcome.entries(), outcome.times());
        log.info("snapshot {}/{} {}: {} entries ({} skipped)", snapshot.genre(), service.slug(), snapshot.id(),
                outcome.entries().size(), snapshot.playlist().skipped());
        if (!outcome.taughtKeys().isEmpty()) {
            // only the snapshots with an entry waiting for a song this one carries (its title, one of its artists)
            // can change. Every song it carries, not only those new to the catalog: when this record comes again
            // after a crash, the songs are no longer new, but a snapshot they changed may not have been announced
            snapshots.latestWaitingFor(outcome.taughtKeys(), snapshot.id())
                    .forEach(other -> resolveAgain(other, snapshots.resolutions(other.id())));
        }
        Set<String> uncertainTitles = outcome.entries().stream().filter(e -> e.resolution().uncertain())
                .flatMap(e -> TrackResolver.titleKeys(e.entry()).stream()).collect(Collectors.toSet());
        if (!uncertainTitles.isEmpty() && catalogChanged(uncertainTitles, outcome.candidates())) {
            // another replica may have taught the catalog what this one waits for after this snapshot was
            // resolved, and looked for waiting snapshots before this one was committed: where the catalog now
            // holds other songs of an uncertain entry's titles than it was resolved against, look once more
            Map<Integer, StoredResolution> resolved = new HashMap<>();
            outcome.entries().forEach(e -> resolved.put(e.entry().position(),
                    new StoredResolution(e.resolution(), outcome.times().get(e.entry().position()))));
            resolveAgain(snapshot, resolved);
        }
    }

    /** Whether the catalog's entries of these titles differ from those a resolution consulted. */
    private boolean catalogChanged(Set<String> titles, Map<String, List<CatalogEntry>> consulted) {
        Map<String, List<CatalogEntry>> now = snapshots.catalogByTitles(titles);
        return titles.stream().anyMatch(title -> !now.get(title).equals(consulted.get(title)));
    }

    /** @param before the snapshot's resolutions by position, as stored */
    private void resolveAgain(Snapshot snapshot, Map<Integer, StoredResolution> before) {
        Instant now = snapshots.now();
        List<ResolvedEntry> entries = resolve(snapshot).entries();
        List<ResolvedEntry> changed = entries.stream().filter(e -> !same(e, before)).toList();
        if (!changed.isEmpty() || entries.size() != before.size()) {
            Map<Integer, Instant> times = times(entries, before, now);
            // an unchanged entry's event would be the very one published before (same id and time): only the changed go.
            // Announced before the commit: a crash in between leaves the snapshot waiting, so it is found again
            publisher.publish(snapshot, entries, changed, times);
            transaction.executeWithoutResult(status -> snapshots.replaceTracks(snapshot.id(), entries, times));
            log.info("snapshot {}/{} resolved again after the catalog grew", snapshot.genre(), snapshot.service().slug());
        }
    }

    /**
     * When each entry's resolution was made: the stored time of an entry resolved as stored (a record handled
     * again, an entry a re-resolution left as it was), else now. So a replay announces what it announced before,
     * and of two announcements of an entry the later resolution has the later time.
     */
    private static Map<Integer, Instant> times(List<ResolvedEntry> entries, Map<Integer, StoredResolution> stored, Instant now) {
        Map<Integer, Instant> times = new HashMap<>();
        entries.forEach(e -> times.put(e.entry().position(), same(e, stored) ? stored.get(e.entry().position()).resolvedAt() : now));
        return times;
    }

    private static boolean same(ResolvedEntry entry, Map<Integer, StoredResolution> stored) {
        StoredResolution before = stored.get(entry.entry().position());
        return before != null && before.resolution().equals(entry.resolution());
    }

    /** @param candidates the catalog's entries by title key that the resolution consulted */
    private record Resolved(List<ResolvedEntry> entries, Map<String, List<CatalogEntry>> candidates) { }

    /** Resolves every entry; entries of one song become one ({@link BestVersion}). */
    private Resolved resolve(Snapshot snapshot) {
        // every title the entries could match under, looked up in one query
        Map<String, List<CatalogEntry>> candidates = new HashMap<>(snapshots.catalogByTitles(snapshot.playlist().entries().stream()
                .filter(TrackResolver::consultsCatalog)
                .flatMap(entry -> TrackResolver.titleKeys(entry).stream()).collect(Collectors.toSet())));
        List<ResolvedEntry> entries = BestVersion.of(snapshot.playlist().entries().stream()
                .sorted(Comparator.comparingInt(ParsedEntry::position))
                .map(entry -> new ResolvedEntry(entry, resolver.resolve(snapshot.service(), entry,
                        title -> candidates.computeIfAbsent(title, t -> snapshots.catalogByTitles(List.of(t)).get(t)))))
                .toList());
        return new Resolved(entries, candidates);
    }
}
