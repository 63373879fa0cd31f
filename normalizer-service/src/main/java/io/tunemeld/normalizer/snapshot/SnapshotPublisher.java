package io.tunemeld.normalizer.snapshot;

import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.events.SnapshotEntry;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Publishes one ServiceTrackResolved per entry (or per entry given), then the PlaylistSnapshotResolved of
 * the whole playlist, and waits for all.
 */
@Component
class SnapshotPublisher {

    private final EventSender sender;
    private final Clock clock;

    SnapshotPublisher(EventSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * @param sightings the entries announced one by one: those whose resolution changed, when a snapshot is resolved again
     * @param times when each entry's resolution was made, by position: two replicas may announce one snapshot's
     *        resolutions in either order, and the later resolution must prevail downstream
     */
    void publish(Snapshot snapshot, List<ResolvedEntry> entries, List<ResolvedEntry> sightings, Map<Integer, Instant> times) {
        String service = snapshot.service().slug();
        EventSender.Batch batch = sender.batch();
        for (ResolvedEntry resolved : sightings) {
            var entry = resolved.entry();
            var resolution = resolved.resolution();
            batch.add(Topics.SERVICE_TRACKS, resolution.trackKey(), ServiceTrackResolved.newBuilder()
                    .setEventId(EventIds.of(snapshot.id(), String.valueOf(entry.position()), resolution.trackKey()))
                    // the sighting happened when the playlist was fetched: a replay publishes the same time
                    .setOccurredAt(snapshot.fetchedAt())
                    .setTrackKey(resolution.trackKey())
                    .setIsrc(resolution.isrc())
                    .setMatchMethod(resolution.method().name())
                    .setMatchConfidence(resolution.confidence())
                    .setGenre(snapshot.genre())
                    .setService(service)
                    .setSnapshotId(snapshot.id())
                    .setPosition(entry.position())
                    .setTitle(entry.title())
                    .setArtists(entry.artists())
                    .setAlbum(entry.album())
                    .setUrl(entry.url())
                    .setArtworkUrl(entry.artworkUrl())
                    .setServiceTrackId(entry.serviceTrackId())
                    .setPlayCount(entry.playCount())
                    .setResolvedAt(times.get(entry.position()))
                    .build());
        }
        String keys = entries.stream().map(e -> e.entry().position() + "=" + e.resolution().trackKey())
                .collect(Collectors.joining(","));
        batch.add(Topics.PLAYLIST_SNAPSHOTS, Topics.playlistKey(snapshot.genre(), snapshot.service()),
                PlaylistSnapshotResolved.newBuilder()
                        .setEventId(EventIds.of(snapshot.id(), keys))
                        .setOccurredAt(clock.instant())
                        .setSnapshotId(snapshot.id())
                        .setGenre(snapshot.genre())
                        .setService(service)
                        .setFetchedAt(snapshot.fetchedAt())
                        .setPlaylistLength(snapshot.playlist().length())
                        .setSkippedEntries(snapshot.playlist().skipped())
                        .setPlaylistName(snapshot.playlist().name())
                        .setPlaylistUrl(snapshot.playlist().url())
                        .setEntries(entries.stream().map(SnapshotPublisher::entry).toList())
                        .setRunId(snapshot.runId())
                        // the snapshot's resolution is its latest entry's
                        .setResolvedAt(times.values().stream().max(Instant::compareTo).orElse(Instant.EPOCH))
                        .build());
        batch.await();
    }

    private static SnapshotEntry entry(ResolvedEntry resolved) {
        var entry = resolved.entry();
        var resolution = resolved.resolution();
        return SnapshotEntry.newBuilder()
                .setPosition(entry.position())
                .setTrackKey(resolution.trackKey())
                .setIsrc(resolution.isrc())
                .setMatchMethod(resolution.method().name())
                .setMatchConfidence(resolution.confidence())
                .setTitle(entry.title())
                .setArtists(entry.artists())
                .setAlbum(entry.album())
                .setUrl(entry.url())
                .setArtworkUrl(entry.artworkUrl())
                .setServiceTrackId(entry.serviceTrackId())
                .setPlayCount(entry.playCount())
                .build();
    }
}
