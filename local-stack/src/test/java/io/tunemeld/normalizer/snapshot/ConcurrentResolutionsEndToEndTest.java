package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.SharedStack;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two resolutions of one snapshot replacing its entries at the same time, as the normalizer's own record
 * and another record that taught the catalog what it waited for do on two consumer threads: the second
 * waits for the first to commit and then replaces what it wrote, instead of colliding with its rows.
 */
class ConcurrentResolutionsEndToEndTest {

    @Test
    void theSecondOfTwoConcurrentReplacementsWaitsForTheFirstAndWins() throws Exception {
        ApplicationContext normalizer = SharedStack.get().services().get(NormalizerApplication.NAME);
        SnapshotRepository snapshots = normalizer.getBean(SnapshotRepository.class);
        TransactionTemplate transaction = normalizer.getBean(TransactionTemplate.class);
        ParsedEntry entry = new ParsedEntry(1, "Race Line", List.of("Vera Tock"), "Line", null, "race-1", null, null, null);
        Snapshot snapshot = new Snapshot("race-" + UUID.randomUUID(), "race", MusicService.SPOTIFY, Instant.now(),
                new ParsedPlaylist(1, 0, "Race", null, List.of(entry)));
        transaction.executeWithoutResult(status -> snapshots.save(snapshot));
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
        JdbcClient jdbc = normalizer.getBean(JdbcClient.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and usename = current_user")
                .query(Long.class).single() > 0);
        commitFirst.countDown();

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(snapshots.resolutions(snapshot.id())).hasSize(1)
                .hasEntrySatisfying(1, stored -> assertThat(stored.resolution().trackKey()).isEqualTo("QZRAC2600001"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
