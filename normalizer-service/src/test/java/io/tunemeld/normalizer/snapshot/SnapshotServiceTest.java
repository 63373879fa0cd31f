package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.TrackResolver;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.normalizer.payload.PayloadParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenAnswer(call -> inTransaction(() -> call.getArgument(0, TransactionCallback.class).doInTransaction(null)));
        org.mockito.Mockito.doAnswer(call -> inTransaction(() -> {
            call.getArgument(0, Consumer.class).accept(null);
            return null;
        })).when(transaction).executeWithoutResult(any());
        SnapshotRepository snapshots = mock(SnapshotRepository.class);
        // an empty catalog: every title asked for, none known
        when(snapshots.catalogByTitles(any())).thenAnswer(call -> {
            Map<String, List<CatalogEntry>> none = new HashMap<>();
            call.<java.util.Collection<String>>getArgument(0).forEach(title -> none.put(title, List.of()));
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

    private Object inTransaction(java.util.function.Supplier<Object> work) {
        inTransaction = true;
        try {
            return work.get();
        } finally {
            inTransaction = false;
        }
    }
}
