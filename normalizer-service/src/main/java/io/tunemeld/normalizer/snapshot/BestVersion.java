package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.payload.ParsedEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One entry per song when several entries of a snapshot resolve to the same key (a remaster and the
 * original, a song listed twice). The version kept is the one with the most complete metadata, then the
 * most plays, then the best position; the song takes the best position of them all and, on a listener's
 * chart, the plays of them all.
 */
final class BestVersion {

    private static final Comparator<ResolvedEntry> BETTER = Comparator
            .comparingInt((ResolvedEntry e) -> completeness(e.entry()))
            .thenComparingLong(e -> e.entry().playCount() == null ? 0 : e.entry().playCount())
            .thenComparing(Comparator.comparingInt((ResolvedEntry e) -> e.entry().position()).reversed());

    private BestVersion() {
    }

    /** @return one entry per track key, in position order */
    static List<ResolvedEntry> of(List<ResolvedEntry> entries) {
        Map<String, List<ResolvedEntry>> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.computeIfAbsent(e.resolution().trackKey(), key -> new ArrayList<>()).add(e));
        return byKey.values().stream()
                .map(BestVersion::merge)
                .sorted(Comparator.comparingInt(e -> e.entry().position()))
                .toList();
    }

    private static ResolvedEntry merge(List<ResolvedEntry> versions) {
        if (versions.size() == 1) {
            return versions.get(0);
        }
        ResolvedEntry best = versions.stream().max(BETTER).orElseThrow();
        int position = versions.stream().mapToInt(e -> e.entry().position()).min().orElseThrow();
        List<Long> plays = versions.stream().map(e -> e.entry().playCount()).filter(Objects::nonNull).toList();
        ParsedEntry entry = best.entry();
        return new ResolvedEntry(new ParsedEntry(position, entry.title(), entry.artists(), entry.album(), entry.isrc(),
                entry.serviceTrackId(), entry.url(), entry.artworkUrl(), entry.uploader(),
                plays.isEmpty() ? null : plays.stream().mapToLong(Long::longValue).sum()), best.resolution());
    }

    /** How many of the fields a version may carry it has. */
    private static int completeness(ParsedEntry entry) {
        return (int) Stream.of(entry.album(), entry.isrc(), entry.serviceTrackId(), entry.url(), entry.artworkUrl())
                .filter(Objects::nonNull).count() + (entry.artists().isEmpty() ? 0 : 1);
    }
}
