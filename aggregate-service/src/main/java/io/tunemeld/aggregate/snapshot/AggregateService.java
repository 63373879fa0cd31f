package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.ChartStatistics;
import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.aggregate.ranking.ScoringStrategy;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the snapshot in force per (genre, service) and re-ranks the genre on every snapshot. Each
 * distinct result is kept with its chart statistics; the result is published every time, changed or not
 * (see CanonicalTrackService for why).
 */
@Service
public class AggregateService {

    private final AggregateRepository repository;
    private final ScoringStrategy strategy;
    private final AggregatePublisher publisher;
    private final TransactionTemplate transaction;

    /** The configured strategy among all known ones; an unknown name stops the service at start-up. */
    AggregateService(AggregateRepository repository, List<ScoringStrategy> strategies,
            @Value("${tunemeld.aggregate.strategy}") String strategyName, AggregatePublisher publisher,
            TransactionTemplate transaction) {
        this.repository = repository;
        this.strategy = strategies.stream().filter(s -> s.name().equals(strategyName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown scoring strategy '" + strategyName + "'; known: "
                        + strategies.stream().map(ScoringStrategy::name).toList()));
        this.publisher = publisher;
        this.transaction = transaction;
    }

    public void handle(PlaylistSnapshotResolved event) {
        MusicService service = MusicService.fromSlug(event.getService())
                .orElseThrow(() -> new RejectedRecordException("unknown service: '" + event.getService() + "'"));
        if (!service.editorial()) {
            // a listener's chart (Last.fm) is no editorial playlist: it has no place in a genre's aggregate
            return;
        }
        var snapshot = new PlaylistSnapshot(service, event.getFetchedAt(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistSnapshot.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), e.getArtists(), e.getMatchMethod(), e.getMatchConfidence())).toList());
        String genre = event.getGenre();
        record Result(Instant computedAt, String fingerprint, List<ChartEntry> chart) { }
        Result result = transaction.execute(status -> {
            repository.saveLatest(genre, event.getSnapshotId(), snapshot);
            List<PlaylistSnapshot> latest = repository.latest(genre);
            List<RankedTrack> ranked = strategy.rank(latest);
            Instant computedAt = latest.stream().map(PlaylistSnapshot::fetchedAt).max(Comparator.naturalOrder()).orElseThrow();
            String fingerprint = EventIds.of(genre, strategy.name(), computedAt.toString(), ranked.toString());
            // an aggregate computed before (a replay, a repeated snapshot) keeps the statistics it had
            List<ChartEntry> chart = repository.chart(genre, fingerprint).orElseGet(() -> {
                List<ChartEntry> computed = ChartStatistics.chart(ranked, repository.latestRanks(genre),
                        repository.history(genre, ranked.stream().map(RankedTrack::trackKey).toList()),
                        computedAt.atZone(ZoneOffset.UTC).toLocalDate());
                repository.saveAggregate(genre, computedAt, strategy.name(), fingerprint, computed);
                return computed;
            });
            return new Result(computedAt, fingerprint, chart);
        });
        publisher.publish(genre, result.computedAt(), strategy.name(), result.fingerprint(), result.chart());
    }
}
