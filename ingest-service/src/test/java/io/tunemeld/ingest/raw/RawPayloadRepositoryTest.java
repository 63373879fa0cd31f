package io.tunemeld.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceDatabase;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** ingest-service's raw store on its own migrations in a real PostgreSQL. */
class RawPayloadRepositoryTest {

    private static final Instant FIRST = Instant.parse("2026-11-30T06:00:00Z");

    private final JdbcClient jdbc = ServiceDatabase.of("ingest").jdbc();
    private final RawPayloadRepository payloads = new RawPayloadRepository(jdbc);
    private final String genre = "genre-" + UUID.randomUUID();

    /** A content fetched again is the row stored first: its fetch time, and so its event, stay the same. */
    @Test
    void theSameContentOfAPlaylistIsStoredOnceWithItsFirstFetch() {
        StoredPayload first = payloads.store(fetched("{\"tracks\":[1]}", FIRST), "hash-1", UUID.randomUUID());
        StoredPayload again = payloads.store(fetched("{\"tracks\":[1]}", FIRST.plusSeconds(86_400)), "hash-1", UUID.randomUUID());
        StoredPayload changed = payloads.store(fetched("{\"tracks\":[2]}", FIRST.plusSeconds(86_400)), "hash-2", UUID.randomUUID());

        assertThat(again).isEqualTo(first);
        assertThat(first.fetchedAt()).isEqualTo(FIRST);
        assertThat(first.published()).isFalse();
        assertThat(changed.id()).isNotEqualTo(first.id());
        assertThat(payloads.since(FIRST.plusSeconds(1))).extracting(StoredPayload::id).contains(changed.id()).doesNotContain(first.id());
    }

    /** The published mark is the raw store's outbox: set once, when the event was first acknowledged. */
    @Test
    void aPayloadIsMarkedPublishedOnceAndKeepsTheFirstTime() {
        StoredPayload stored = payloads.store(fetched("{}", FIRST), "hash-published", UUID.randomUUID());

        payloads.markPublished(stored.id(), FIRST.plusSeconds(5));
        payloads.markPublished(stored.id(), FIRST.plusSeconds(500));

        assertThat(payloads.store(fetched("{}", FIRST), "hash-published", UUID.randomUUID()).published()).isTrue();
        assertThat(jdbc.sql("select published_at from raw_payloads where id = :id").param("id", stored.id())
                .query(Timestamp.class).single().toInstant()).isEqualTo(FIRST.plusSeconds(5));
    }

    private FetchedPlaylist fetched(String payload, Instant at) {
        return new FetchedPlaylist(genre, MusicService.SPOTIFY, "api", "playlist-1", payload, at);
    }
}
