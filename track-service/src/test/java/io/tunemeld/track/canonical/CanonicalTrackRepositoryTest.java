package io.tunemeld.track.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceDatabase;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.canonical.CanonicalTrackRepository.OtherKey;
import io.tunemeld.track.canonical.CanonicalTrackRepository.Sighting;
import io.tunemeld.track.canonical.CanonicalTrackRepository.Stored;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** track-service's storage of sightings and canonical tracks on its own migrations in a real PostgreSQL. */
class CanonicalTrackRepositoryTest {

    private static final Instant SEEN = Instant.parse("2026-11-30T06:00:00Z");

    private final ServiceDatabase database = ServiceDatabase.of("track");
    private final CanonicalTrackRepository tracks = new CanonicalTrackRepository(database.jdbc());
    private final TransactionTemplate transaction = database.transaction();
    private final String page = "https://open.spotify.com/track/" + UUID.randomUUID();

    @Test
    void ofTwoSightingsOfAKeyOnOneServiceTheLaterIsKeptWhicheverArrivesLast() {
        String key = "QZSGT" + unique();
        Sighting later = sighting(key, "Later Title", SEEN.plus(1, ChronoUnit.DAYS), "snapshot-b");
        Sighting earlier = sighting(key, "Earlier Title", SEEN, "snapshot-a");

        assertThat(tracks.saveSightings(List.of(later))).containsExactly(later);
        assertThat(tracks.saveSightings(List.of(earlier))).as("an earlier sighting, not written").isEmpty();

        assertThat(tracks.sightings(List.of(key)).get(key)).extracting(ServiceTrack::title).containsExactly("Later Title");
        assertThat(tracks.saveSightings(List.of(later))).as("the same sighting again, not written").isEmpty();
    }

    /**
     * A page first keyed provisionally, then sighted under its ISRC: the provisional sighting is found under the
     * other key and removed, its track marked replaced by the ISRC's, and found again by what replaced it.
     */
    @Test
    void aPageSightedUnderANewKeyLeavesItsOldKeyReplaced() {
        String provisional = "fallback:" + unique();
        String isrc = "QZRKY" + unique();
        Sighting first = sighting(provisional, "Moving Line", SEEN, "snapshot-a");
        tracks.saveSightings(List.of(first));
        Stored old = tracks.save(List.of(canonical(provisional, "Moving Line"))).get(0);
        Sighting moved = sighting(isrc, "Moving Line", SEEN.plus(1, ChronoUnit.HOURS), "snapshot-b");

        Map<String, String> replaced = transaction.execute(status -> {
            tracks.holdPages(List.of(moved));
            List<OtherKey> others = tracks.otherKeysOfPages(List.of(moved));
            assertThat(others).singleElement().satisfies(other -> {
                assertThat(other.trackKey()).isEqualTo(provisional);
                assertThat(other.later()).as("seen there later").isFalse();
            });
            tracks.saveSightings(List.of(moved));
            Map<String, String> removed = tracks.removeEarlierSightings(others);
            tracks.replace(removed);
            return removed;
        });

        assertThat(replaced).containsExactly(Map.entry(provisional, isrc));
        assertThat(tracks.sightings(List.of(provisional))).isEmpty();
        assertThat(tracks.find(List.of(provisional))).as("a replaced track is not live").isEmpty();
        assertThat(tracks.replacedBy(List.of(isrc))).hasSize(1).allSatisfy((stored, by) -> {
            assertThat(stored.track().trackKey()).isEqualTo(provisional);
            assertThat(stored.version()).as("replacing is a change").isGreaterThan(old.version());
            assertThat(by).isEqualTo(isrc);
        });
    }

    @Test
    void everySaveOfATrackGivesItAGreaterVersion() {
        String key = "QZVER" + unique();
        long first = tracks.save(List.of(canonical(key, "Version One"))).get(0).version();
        long second = tracks.save(List.of(canonical(key, "Version Two"))).get(0).version();

        assertThat(second).isGreaterThan(first);
        assertThat(tracks.find(List.of(key)).get(key)).satisfies(stored -> {
            assertThat(stored.version()).isEqualTo(second);
            assertThat(stored.track().title()).isEqualTo("Version Two");
        });
    }

    private Sighting sighting(String key, String title, Instant seenAt, String snapshotId) {
        String isrc = key.startsWith("fallback:") ? null : key;
        return new Sighting(new ServiceTrack(key, MusicService.SPOTIFY, isrc, title, List.of("Ann Artist"), null, null, page),
                seenAt, snapshotId, seenAt);
    }

    private CanonicalTrack canonical(String key, String title) {
        return CanonicalTrack.merge(key, List.of(new ServiceTrack(key, MusicService.SPOTIFY, null, title, List.of("Ann Artist"),
                null, null, page)), Map.of());
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
    }
}
