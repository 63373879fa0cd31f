package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.MatchReport;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.payload.ParsedEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code ./tunemeld match-report} against a deployment: how the snapshots in force were keyed, and for
 * each entry left on a fallback key the closest catalog entry and why it was refused. A POST, so guarded
 * by the admin token: every entry of every playlist in force is read.
 */
@RestController
class MatchReportController {

    private final SnapshotRepository snapshots;
    private final TrackResolver resolver;

    MatchReportController(SnapshotRepository snapshots, TrackResolver resolver) {
        this.snapshots = snapshots;
        this.resolver = resolver;
    }

    @PostMapping("/api/match-reports")
    List<MatchReport.Row> report() {
        Map<String, List<CatalogEntry>> near = new HashMap<>();
        List<MatchReport.Row> rows = new ArrayList<>();
        for (SnapshotRepository.InForce inForce : snapshots.inForce()) {
            Snapshot snapshot = inForce.snapshot();
            for (ParsedEntry entry : snapshot.playlist().entries()) {
                Resolution resolution = inForce.resolutions().get(entry.position());
                if (resolution == null) {
                    // a song listed twice, kept at its best position
                    continue;
                }
                Optional<TrackResolver.Refusal> refusal = Optional.empty();
                if (resolution.method() == MatchMethod.FALLBACK) {
                    Set<CatalogEntry> candidates = new LinkedHashSet<>();
                    TrackResolver.titleKeys(entry).forEach(title -> candidates.addAll(near.computeIfAbsent(title, snapshots::catalogNear)));
                    refusal = resolver.closestRefused(entry, candidates);
                }
                rows.add(MatchReport.Row.of(snapshot.genre(), snapshot.service(), entry, resolution, refusal));
            }
        }
        return rows;
    }
}
