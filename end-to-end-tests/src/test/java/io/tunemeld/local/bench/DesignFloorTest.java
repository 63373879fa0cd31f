package io.tunemeld.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tunemeld.local.SharedStack;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's design floor carries every record through every hop and leaves each stage the rows it owns,
 * on the shared stack's broker and database, and leaves nothing behind.
 */
class DesignFloorTest {

    @Test
    void everyRecordPassesEveryHopAndEachStageUpsertsItsRowsPerEntryThenAllIsRemoved() throws Exception {
        // the pipeline's topics hold records to size the floor's by
        SharedStack.samplesRun();
        String kafka = SharedStack.get().kafkaBootstrapServers();
        DesignFloor.RecordBytes bytes = DesignFloor.RecordBytes.measured(kafka);
        // a whole payload and a whole snapshot outweigh one entry's event
        assertThat(bytes.serviceTrack()).isPositive();
        assertThat(bytes.rawPlaylist()).isGreaterThan(bytes.serviceTrack());
        assertThat(bytes.snapshot()).isGreaterThan(bytes.serviceTrack());

        // 2 genres x 3 services x 2 editions x 10 entries
        DesignFloor.Result floor = new DesignFloor(kafka, SharedStack::superuser, bytes, 2, 2, 10, SyntheticCharts.SERVICES)
                .run(Duration.ofMinutes(2));

        assertThat(floor.entries()).isEqualTo(120);
        // consumed: 12 raw playlists, 120 resolved entries, 12 snapshots, 120 tracks, and an aggregate per genre and edition
        // (made once the genre's three snapshots of the edition were in)
        assertThat(floor.records()).isEqualTo(12 + 120 + 12 + 120 + 4);
        // an entry per playlist edition and position; a sighting per song and service; a track and its document per song
        assertThat(floor.rows()).containsExactly(entry("entries", 120L), entry("sightings", 60L), entry("tracks", 20L),
                entry("documents", 20L));
        assertThat(floor.entriesPerSecond()).isEqualTo(120 / floor.seconds());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(DesignFloor.TOPICS);
            assertThat(admin.listConsumerGroups().all().get()).noneMatch(group -> group.groupId().startsWith("tunemeld-floor-"));
        }
        try (var db = SharedStack.superuser();
                var schemas = db.createStatement().executeQuery("select count(*) from pg_namespace where nspname = 'bench_floor'")) {
            schemas.next();
            assertThat(schemas.getInt(1)).isZero();
        }
    }
}
