package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.aggregate.ranking.ScoringStrategy;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the snapshot in force per (genre, service) and re-ranks the genre on every snapshot. A distinct
 * result is kept in the history; the result is published every time (see CanonicalTrackService for why).
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
                .filter(s -> s != MusicService.YOUTUBE)
                .orElseThrow(() -> new RejectedRecordException("not a ranked service: '" + event.getService() + "'"));
        var snapshot = new PlaylistSnapshot(service, event.getFetchedAt(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistSnapshot.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), e.getArtists())).toList());
        String genre = event.getGenre();
        record Result(Instant computedAt, String fingerprint, List<RankedTrack> entries) { }
        Result result = transaction.execute(status -> {
            repository.saveLatest(genre, event.getSnapshotId(), snapshot);
            List<PlaylistSnapshot> latest = repository.latest(genre);
            List<RankedTrack> ranked = strategy.rank(latest);
            Instant computedAt = latest.stream().map(PlaylistSnapshot::fetchedAt).max(Comparator.naturalOrder()).orElseThrow();
            String fingerprint = EventIds.of(genre, strategy.name(), computedAt.toString(), ranked.toString());
            if (!repository.latestFingerprint(genre).filter(fingerprint::equals).isPresent()) {
                repository.saveAggregate(genre, computedAt, strategy.name(), fingerprint, ranked);
            }
            return new Result(computedAt, fingerprint, ranked);
        });
        publisher.publish(genre, result.computedAt(), strategy.name(), result.fingerprint(), result.entries());
    }
}
