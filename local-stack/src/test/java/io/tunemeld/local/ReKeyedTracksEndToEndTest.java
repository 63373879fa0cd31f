package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The samples' Apple Music entries often arrive before the catalog knows their ISRC, under a provisional
 * {@code hash:} key, and are re-keyed once it does. The track under the old key must not stay behind:
 * not in track-service, not in the read model, not in Redis.
 */
class ReKeyedTracksEndToEndTest {

    @Test
    void aReKeyedPageLeavesNoTrackBehindUnderItsOldKey() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        SharedStack.awaitCaughtUp();

        Map<String, String> replaced = new LinkedHashMap<>();
        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var rows = track.createStatement().executeQuery("select track_key, replaced_by from track.tracks where replaced_by is not null");
            while (rows.next()) {
                replaced.put(rows.getString(1), rows.getString(2));
            }
            assertThat(replaced).as("tracks re-keyed while the samples went through").isNotEmpty();
            assertThat(replaced.keySet()).allMatch(key -> key.startsWith("hash:") || key.startsWith("spotify:"));
            assertThat(replaced.values()).as("replaced by ISRCs").allMatch(key -> key.matches("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}"));

            assertThat(count(track, """
                    select count(*) from (select service, url from track.service_tracks where url is not null
                        group by service, url having count(distinct track_key) > 1) pages""")).as("service pages under two keys").isZero();
            assertThat(count(track, """
                    select count(*) from track.tracks t where replaced_by is null
                        and not exists (select 1 from track.service_tracks s where s.track_key = t.track_key)"""))
                    .as("live tracks without a sighting").isZero();
        }
        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            var statement = cache.prepareStatement("select count(*) from cache.tracks where track_key = any(?)");
            statement.setArray(1, cache.createArrayOf("text", replaced.keySet().toArray()));
            var rows = statement.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).as("replaced tracks left in the read model").isZero();
        }
        RedisClient redis = RedisClient.create("redis://" + stack.redisHost() + ":" + stack.redisPort());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            List<String> keys = replaced.keySet().stream().map(key -> "tunemeld:track:" + key).toList();
            assertThat(connection.sync().exists(keys.toArray(String[]::new))).as("replaced tracks left in Redis").isZero();
        } finally {
            redis.shutdown();
        }
    }

    private static int count(Connection db, String sql) throws Exception {
        var rows = db.createStatement().executeQuery(sql);
        rows.next();
        return rows.getInt(1);
    }
}
