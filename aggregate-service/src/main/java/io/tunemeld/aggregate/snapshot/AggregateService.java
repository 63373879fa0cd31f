package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.ChartStatistics;
import io.tunemeld.aggregate.ranking.PlaylistSnapshot;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.aggregate.ranking.ScoringStrategy;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.RunFinished;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.platform.kafka.RecordFields;
import io.tunemeld.platform.kafka.RejectedRecordException;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the snapshot in force per (genre, service) and ranks the genre once per edition (an ingest run's
 * snapshots of it), or on every batch of snapshots announced outside a run. Each
 * distinct result is kept with its chart statistics; the result is published every time, changed or not
 * (see CanonicalTrackService for why).
 */
@Service
public class AggregateService {

    private final AggregateRepository repository;
    private final ScoringStrategy strategy;
    private final AggregateEvents aggregates;
    private final TransactionTemplate transaction;
    private final EditionRepository editions;

    /** The configured strategy among all known ones; an unknown name stops the service at start-up. */
    AggregateService(AggregateRepository repository, List<ScoringStrategy> strategies,
            AggregateProperties properties, AggregateEvents aggregates, TransactionTemplate transaction, EditionRepository editions) {
        this.repository = repository;
        String strategyName = properties.strategy();
        this.strategy = strategies.stream().filter(s -> s.name().equals(strategyName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown scoring strategy '" + strategyName + "'; known: "
                        + strategies.stream().map(ScoringStrategy::name).toList()));
        this.aggregates = aggregates;
        this.transaction = transaction;
        this.editions = editions;
    }

    public List<OutgoingEvent<?>> handle(PlaylistSnapshotResolved event) {
        return handle(List.of(event));
    }

    /**
     * Every snapshot of the batch is kept (the newest per genre and service wins), then each genre whose
     * edition this completes is ranked, once: an ingest run's snapshots of a genre wait until the run's result
     * named them all and they are all in. A snapshot announced outside a run (resolved again, replayed from the
     * normalizer's store, or from before snapshots carried their run) has its genre ranked with the batch. A
     * replay ranks what is in force, which a replayed older snapshot does not change.
     *
     * @return the aggregates, to be published once this is committed
     */
    public List<OutgoingEvent<?>> handle(List<PlaylistSnapshotResolved> events) {
        Map<String, List<PlaylistSnapshotResolved>> byGenre = new TreeMap<>();
        for (PlaylistSnapshotResolved event : events) {
            MusicService service = RecordFields.service(event.getService());
            // a listener's chart (Last.fm) is no editorial playlist: it has no place in a genre's aggregate
            if (service.editorial()) {
                byGenre.computeIfAbsent(event.getGenre(), genre -> new ArrayList<>()).add(event);
            }
        }
        return computed(transaction.execute(status -> {
            List<Ranking> rankings = new ArrayList<>();
            byGenre.forEach((genre, snapshots) -> {
                repository.lock(genre);
                boolean rank = false;
                for (PlaylistSnapshotResolved event : snapshots) {
                    repository.saveLatest(genre, event.getSnapshotId(), event.getResolvedAt(), snapshot(event));
                    rank |= event.getRunId() == null || editions.arrived(event.getRunId(), genre, event.getService());
                }
                if (rank) {
                    rankings.add(rank(genre));
                }
            });
            return rankings;
        }));
    }

    /**
     * An ingest run finished: its editions now know every playlist they wait for, and those whose snapshots are
     * all in already are ranked.
     */
    public List<OutgoingEvent<?>> handle(RunFinished run) {
        Map<String, List<String>> byGenre = new TreeMap<>();
        for (String key : run.getPublished()) {
            int slash = key.lastIndexOf('/');
            if (slash < 1) {
                throw new RejectedRecordException("a published playlist's key is not genre/service: " + key);
            }
            MusicService service = RecordFields.service(key.substring(slash + 1));
            if (service.editorial()) {
                byGenre.computeIfAbsent(key.substring(0, slash), genre -> new ArrayList<>()).add(service.slug());
            }
        }
        if (byGenre.isEmpty()) {
            return List.of();
        }
        return computed(transaction.execute(status -> {
            editions.finished(run.getRunId());
            List<Ranking> rankings = new ArrayList<>();
            byGenre.forEach((genre, services) -> {
                repository.lock(genre);
                if (editions.expected(run.getRunId(), genre, services)) {
                    rankings.add(rank(genre));
                }
            });
            return rankings;
        }));
    }

    /**
     * Editions still incomplete after the timeout: a playlist dead-lettered on its way, a run whose result was
     * never published, a snapshot replayed after its run's record was deleted.
     */
    List<EditionRepository.Edition> overdueEditions(Duration timeout) {
        return editions.overdue(timeout);
    }

    /**
     * An overdue edition's genre ranked with what is in force; nothing when none of its snapshots came, or none
     * is in force (an edition of a listener's chart, which has no aggregate).
     */
    List<OutgoingEvent<?>> rank(EditionRepository.Edition edition) {
        if (!edition.arrived()) {
            return List.of();
        }
        Optional<Ranking> ranking = transaction.execute(status -> {
            repository.lock(edition.genre());
            List<PlaylistSnapshot> latest = repository.latest(edition.genre());
            return latest.isEmpty() ? Optional.<Ranking>empty() : Optional.of(rank(edition.genre(), latest));
        });
        return computed(ranking.stream().toList());
    }

    /** Forgets an overdue edition, once its aggregate is published. */
    void forget(EditionRepository.Edition edition) {
        editions.forget(edition.runId(), edition.genre());
    }

    private record Ranking(String genre, Instant computedAt, String fingerprint, List<ChartEntry> chart) { }

    /** The genre's snapshots in force ranked; a ranking computed before (a replay) keeps the statistics it had. */
    private Ranking rank(String genre) {
        return rank(genre, repository.latest(genre));
    }

    private Ranking rank(String genre, List<PlaylistSnapshot> latest) {
        List<RankedTrack> ranked = strategy.rank(latest);
        Instant computedAt = latest.stream().map(PlaylistSnapshot::fetchedAt).max(Comparator.naturalOrder()).orElseThrow();
        String fingerprint = EventIds.of(genre, strategy.name(), computedAt.toString(), ranked.toString());
        List<ChartEntry> chart = repository.chart(genre, fingerprint).orElseGet(() -> {
            LocalDate day = computedAt.atZone(ZoneOffset.UTC).toLocalDate();
            List<ChartEntry> charted = ChartStatistics.chart(ranked, repository.previousRanks(genre, day),
                    repository.history(genre, ranked.stream().map(RankedTrack::trackKey).toList(), day), day);
            repository.saveAggregate(genre, computedAt, strategy.name(), fingerprint, charted);
            return charted;
        });
        return new Ranking(genre, computedAt, fingerprint, chart);
    }

    private List<OutgoingEvent<?>> computed(List<Ranking> rankings) {
        return rankings.stream().<OutgoingEvent<?>>map(r -> aggregates.computed(r.genre(), r.computedAt(), strategy.name(),
                r.fingerprint(), r.chart())).toList();
    }

    private static PlaylistSnapshot snapshot(PlaylistSnapshotResolved event) {
        return new PlaylistSnapshot(MusicService.of(event.getService()), event.getFetchedAt(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistSnapshot.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), e.getArtists(), e.getMatchMethod(), e.getMatchConfidence())).toList());
    }
}
