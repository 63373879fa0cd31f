package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.normalizer.payload.PayloadParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** A track search (an API call with retries and rate-limit waits) never runs inside the database transaction. */
class SnapshotServiceTest {

    private final List<String> searchedInTransaction = new ArrayList<>();
    private final List<String> searched = new ArrayList<>();
    private boolean inTransaction;

    @Test
    void everySearchRunsBeforeTheTransactionWhichReadsTheAnswersFromTheSearchCache() {
        // a search with its cache, as CachedSpotifySearch keeps every answer
        Map<String, List<CatalogEntry>> cache = new HashMap<>();
        TrackSearch search = (titleKey, artists) -> cache.computeIfAbsent(titleKey, key -> {
            (inTransaction ? searchedInTransaction : searched).add(key);
            return List.of(new CatalogEntry("USRC1260000" + (cache.size() + 1), key, artists, artists.iterator().next()));
        });
        TransactionTemplate transaction = transaction();
        SnapshotRepository snapshots = mock(SnapshotRepository.class);
        // an empty catalog: every title asked for, none known
        when(snapshots.catalogByTitles(any())).thenAnswer(call -> {
            Map<String, List<CatalogEntry>> none = new HashMap<>();
            call.<Collection<String>>getArgument(0).forEach(title -> none.put(title, List.of()));
            return none;
        });
        var service = new SnapshotService(new PayloadParser(), new TrackResolver(0.7, search), snapshots,
                mock(SnapshotPublisher.class), transaction);

        service.handle(RawPlaylistFetched.newBuilder().setEventId("e1").setOccurredAt(Instant.EPOCH).setRunId("r").setGenre("pop")
                .setService("apple_music").setSource("directory").setSourceRef("x").setContentHash("h").setFetchedAt(Instant.EPOCH)
                .setPayload("""
                        {"album_details": {"0": {"name": "First Song", "artist": "Somebody", "album": "A", "link": "https://music.apple.com/x"},
                                           "1": {"name": "Second Song", "artist": "Someone Else", "album": "B", "link": "https://music.apple.com/y"}}}""")
                .build());

        assertThat(searched).as("searched, outside the transaction").hasSize(2);
        assertThat(searchedInTransaction).isEmpty();
    }

    /**
     * An entry left uncertain is looked at once more after the commit, for the songs another replica may have taught
     * the catalog meanwhile: resolved again only where the catalog now holds other songs of its titles.
     */
    @Test
    void anUncertainEntryIsResolvedAgainOnlyWhenTheCatalogOfItsTitlesChangedMeanwhile() {
        for (boolean taughtMeanwhile : new boolean[] {false, true}) {
            Map<String, List<CatalogEntry>> catalog = new HashMap<>();
            List<Collection<String>> asked = new ArrayList<>();
            SnapshotRepository snapshots = mock(SnapshotRepository.class);
            when(snapshots.catalogByTitles(any())).thenAnswer(call -> {
                Collection<String> titles = call.getArgument(0);
                asked.add(List.copyOf(titles));
                Map<String, List<CatalogEntry>> known = new HashMap<>();
                titles.forEach(title -> known.put(title, catalog.getOrDefault(title, List.of())));
                return known;
            });
            when(snapshots.now()).thenReturn(Instant.EPOCH);
            // another replica commits the song the entry waits for right after this snapshot's transaction
            doAnswer(call -> {
                if (taughtMeanwhile && catalog.isEmpty()) {
                    catalog.put("waiting song", List.of(new CatalogEntry("USRC12600009", "waiting song", Set.of("somebody"), "somebody")));
                }
                return null;
            }).when(snapshots).replaceTracks(any(), any(), any());
            TransactionTemplate transaction = transaction();
            TrackResolver resolver = spy(new TrackResolver(0.7, TrackSearch.NONE));
            var service = new SnapshotService(new PayloadParser(), resolver, snapshots, mock(SnapshotPublisher.class), transaction);

            service.handle(RawPlaylistFetched.newBuilder().setEventId("e2").setOccurredAt(Instant.EPOCH).setRunId("r").setGenre("pop")
                    .setService("spotify").setSource("directory").setSourceRef("x").setContentHash("h").setFetchedAt(Instant.EPOCH)
                    .setPayload("""
                            {"items": [
                              {"track": {"id": "t1", "name": "Waiting Song", "artists": [{"name": "Somebody"}]}},
                              {"track": {"id": "t2", "name": "Known Song", "artists": [{"name": "Someone"}], "external_ids": {"isrc": "USRC12600001"}}}]}""")
                    .build());

            // the look once more asks for the uncertain entry's title alone, never for the one with an ISRC
            assertThat(asked).as("catalog look-ups, taught meanwhile: %s", taughtMeanwhile).allSatisfy(titles -> assertThat(titles).containsExactly("waiting song"));
            // both entries resolved in the transaction, and both once more only when the catalog changed
            verify(resolver, times(taughtMeanwhile ? 4 : 2)).resolve(any(), any(), any());
            verify(snapshots, times(taughtMeanwhile ? 2 : 1)).replaceTracks(any(), any(), any());
        }
    }

    /** Runs the work it is given at once, noting meanwhile that it runs in a transaction. */
    private TransactionTemplate transaction() {
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenAnswer(call -> inTransaction(() -> call.getArgument(0, TransactionCallback.class).doInTransaction(null)));
        doAnswer(call -> inTransaction(() -> {
            call.getArgument(0, Consumer.class).accept(null);
            return null;
        })).when(transaction).executeWithoutResult(any());
        return transaction;
    }

    private Object inTransaction(java.util.function.Supplier<Object> work) {
        inTransaction = true;
        try {
            return work.get();
        } finally {
            inTransaction = false;
        }
    }
}
