package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.embedded.ServiceDatabase;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The normalizer's storage on its own migrations in a real PostgreSQL. */
class SnapshotRepositoryTest {

    private final ServiceDatabase database = ServiceDatabase.of("normalizer");
    private final JdbcClient jdbc = database.jdbc();
    private final SnapshotRepository snapshots = new SnapshotRepository(jdbc);
    private final TransactionTemplate transaction = database.transaction();

    /** A snapshot's entry rows have no foreign key: writing them checks the snapshot itself, once. */
    @Test
    void entriesOfASnapshotThatIsNotStoredAreRefusedAndNothingIsWritten() {
        String unknown = "never-stored-" + UUID.randomUUID();
        ParsedEntry entry = new ParsedEntry(1, "Orphan Line", List.of("Nobody"), null, null, "orphan-1", null, null, null);
        var entries = List.of(new ResolvedEntry(entry, new Resolution("QZORP2600001", "QZORP2600001", MatchMethod.CATALOG, 1.0)));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> snapshots.replaceTracks(unknown, entries, Map.of(1, Instant.now()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(unknown);
        assertThat(jdbc.sql("select count(*) from service_tracks where snapshot_id = :id").param("id", unknown).query(Long.class).single())
                .isZero();
    }

    /**
     * Two resolutions of one snapshot replacing its entries at the same time, as the normalizer's own record and
     * another record that taught the catalog what it waited for do on two consumer threads: the second waits for
     * the first to commit and then replaces what it wrote, instead of colliding with its rows.
     */
    @Test
    void theSecondOfTwoConcurrentReplacementsWaitsForTheFirstAndWins() throws Exception {
        ParsedEntry entry = new ParsedEntry(1, "Race Line", List.of("Vera Tock"), "Line", null, "race-1", null, null, null);
        Snapshot snapshot = stored("race", entry);
        Map<Integer, Instant> times = Map.of(1, Instant.now());
        var fallback = List.of(new ResolvedEntry(entry, new Resolution("fallback:race-line", null, MatchMethod.FALLBACK, 0.5)));
        var matched = List.of(new ResolvedEntry(entry, new Resolution("QZRAC2600001", "QZRAC2600001", MatchMethod.CATALOG, 1.0)));

        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            snapshots.replaceTracks(snapshot.id(), fallback, times);
            firstWrote.countDown();
            await(commitFirst);
        }));
        assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(
                status -> snapshots.replaceTracks(snapshot.id(), matched, times)));
        // the second is inside its statements, waiting on the first's lock, before the first commits
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and usename = current_user")
                .query(Long.class).single() > 0);
        commitFirst.countDown();

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(snapshots.resolutions(snapshot.id())).hasSize(1)
                .hasEntrySatisfying(1, stored -> assertThat(stored.resolution().trackKey()).isEqualTo("QZRAC2600001"));
    }

    /** What the catalog learns finds the snapshots in force whose uncertain entries wait for it, and no others. */
    @Test
    void aSnapshotInForceIsFoundByTheKeysItsUncertainEntryWaitsFor() {
        ParsedEntry entry = new ParsedEntry(1, "Waiting Line", List.of("Ida Wait"), null, null, "wait-1", null, null, null);
        Snapshot snapshot = stored("waiting-" + UUID.randomUUID(), entry);
        transaction.executeWithoutResult(status -> {
            snapshots.promote(snapshot);
            snapshots.replaceTracks(snapshot.id(), List.of(new ResolvedEntry(entry,
                    new Resolution("fallback:waiting-line", null, MatchMethod.FALLBACK, 0.5))), Map.of(1, Instant.now()));
        });
        Set<String> keys = TrackResolver.waitingKeys(entry);

        assertThat(snapshots.latestWaitingFor(keys, "none")).extracting(Snapshot::id).contains(snapshot.id());
        assertThat(snapshots.latestWaitingFor(Set.of("song:nothing like it"), "none")).extracting(Snapshot::id)
                .doesNotContain(snapshot.id());
        assertThat(snapshots.latestWaitingFor(keys, snapshot.id())).extracting(Snapshot::id).doesNotContain(snapshot.id());
    }

    /** A song learnt twice in one call is stored once, and keeps the primary artist one of the two knew. */
    @Test
    void theCatalogKeepsASongOnceWithThePrimaryArtistLearnt() {
        String title = "learnt twice " + UUID.randomUUID().toString().replace("-", " ");
        CatalogEntry without = new CatalogEntry("QZLRN2600001", title, Set.of("ann", "bo"), null);
        CatalogEntry with = new CatalogEntry("QZLRN2600001", title, Set.of("ann", "bo"), "ann");

        snapshots.learn(List.of(without, with));
        snapshots.learn(List.of(without));

        assertThat(snapshots.catalogByTitles(List.of(title)).get(title)).containsExactly(with);
        assertThat(snapshots.catalogByTitles(List.of())).isEmpty();
    }

    private Snapshot stored(String genre, ParsedEntry entry) {
        Snapshot snapshot = new Snapshot("snapshot-" + UUID.randomUUID(), "run-" + UUID.randomUUID(), genre, MusicService.SPOTIFY, Instant.now(),
                new ParsedPlaylist(1, 0, genre, null, List.of(entry)));
        transaction.executeWithoutResult(status -> snapshots.save(snapshot));
        return snapshot;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
