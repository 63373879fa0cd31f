package io.tunemeld.normalizer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.local.SharedStack;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.Resolution;
import io.tunemeld.normalizer.payload.ParsedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A snapshot's entries rows have no foreign key: writing them checks the snapshot itself, once. */
class SnapshotEntriesEndToEndTest {

    @Test
    void entriesOfASnapshotThatIsNotStoredAreRefusedAndNothingIsWritten() {
        ApplicationContext normalizer = SharedStack.get().services().get(NormalizerApplication.NAME);
        SnapshotRepository snapshots = normalizer.getBean(SnapshotRepository.class);
        TransactionTemplate transaction = normalizer.getBean(TransactionTemplate.class);
        String unknown = "never-stored-" + UUID.randomUUID();
        ParsedEntry entry = new ParsedEntry(1, "Orphan Line", List.of("Nobody"), null, null, "orphan-1", null, null, null);
        var entries = List.of(new ResolvedEntry(entry, new Resolution("QZORP2600001", "QZORP2600001", MatchMethod.CATALOG, 1.0)));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> snapshots.replaceTracks(unknown, entries, Map.of(1, Instant.now()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(unknown);
        assertThat(normalizer.getBean(JdbcClient.class).sql("select count(*) from service_tracks where snapshot_id = :id")
                .param("id", unknown).query(Long.class).single()).isZero();
    }
}
