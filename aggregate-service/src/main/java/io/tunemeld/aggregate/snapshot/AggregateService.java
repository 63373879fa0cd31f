package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.ChartStatistics;
import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.aggregate.ranking.ScoringStrategy;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.platform.kafka.RecordFields;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the snapshot in force per (genre, service) and re-ranks the genre on every batch of its snapshots. Each
 * distinct result is kept with its chart statistics; the result is published every time, changed or not
 * (see CanonicalTrackService for why).
 */
@Service
public class AggregateService {

    private final AggregateRepository repository;
    private final ScoringStrategy strategy;
    private final AggregateEvents aggregates;
    private final TransactionTemplate transaction;

    /** The configured strategy among all known ones; an unknown name stops the service at start-up. */
    AggregateService(AggregateRepository repository, List<ScoringStrategy> strategies,
            AggregateProperties properties, AggregateEvents aggregates, TransactionTemplate transaction) {
        this.repository = repository;
        String strategyName = properties.strategy();
        this.strategy = strategies.stream().filter(s -> s.name().equals(strategyName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown scoring strategy '" + strategyName + "'; known: "
                        + strategies.stream().map(ScoringStrategy::name).toList()));
        this.aggregates = aggregates;
        this.transaction = transaction;
    }

    public List<OutgoingEvent<?>> handle(PlaylistSnapshotResolved event) {
        return handle(List.of(event));
    }

    /**
     * Every snapshot of the batch is kept (the newest per genre and service wins), then each genre they
     * touch is ranked once: three services' snapshots of a genre arriving together make one aggregate,
     * not three. A replay ranks what is in force, which a replayed older snapshot does not change.
     *
     * @return the aggregates, to be published once this is committed
     */
    public List<OutgoingEvent<?>> handle(List<PlaylistSnapshotResolved> events) {
        Map<String, List<PlaylistSnapshotResolved>> byGenre = new LinkedHashMap<>();
        for (PlaylistSnapshotResolved event : events) {
            MusicService service = RecordFields.service(event.getService());
            // a listener's chart (Last.fm) is no editorial playlist: it has no place in a genre's aggregate
            if (service.editorial()) {
                byGenre.computeIfAbsent(event.getGenre(), genre -> new ArrayList<>()).add(event);
            }
        }
        record Result(String genre, Instant computedAt, String fingerprint, List<ChartEntry> chart) { }
        List<Result> results = transaction.execute(status -> {
            List<Result> computed = new ArrayList<>();
            byGenre.forEach((genre, snapshots) -> {
                snapshots.forEach(event -> repository.saveLatest(genre, event.getSnapshotId(), event.getResolvedAt(), snapshot(event)));
                List<PlaylistSnapshot> latest = repository.latest(genre);
                List<RankedTrack> ranked = strategy.rank(latest);
                Instant computedAt = latest.stream().map(PlaylistSnapshot::fetchedAt).max(Comparator.naturalOrder()).orElseThrow();
                String fingerprint = EventIds.of(genre, strategy.name(), computedAt.toString(), ranked.toString());
                // an aggregate computed before (a replay, a repeated snapshot) keeps the statistics it had
                List<ChartEntry> chart = repository.chart(genre, fingerprint).orElseGet(() -> {
                    LocalDate day = computedAt.atZone(ZoneOffset.UTC).toLocalDate();
                    List<ChartEntry> charted = ChartStatistics.chart(ranked, repository.previousRanks(genre, day),
                            repository.history(genre, ranked.stream().map(RankedTrack::trackKey).toList(), day), day);
                    repository.saveAggregate(genre, computedAt, strategy.name(), fingerprint, charted);
                    return charted;
                });
                computed.add(new Result(genre, computedAt, fingerprint, chart));
            });
            return computed;
        });
        return results.stream().<OutgoingEvent<?>>map(r -> aggregates.computed(r.genre(), r.computedAt(), strategy.name(), r.fingerprint(),
                r.chart())).toList();
    }

    private static PlaylistSnapshot snapshot(PlaylistSnapshotResolved event) {
        return new PlaylistSnapshot(MusicService.of(event.getService()), event.getFetchedAt(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistSnapshot.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), e.getArtists(), e.getMatchMethod(), e.getMatchConfidence())).toList());
    }
}
