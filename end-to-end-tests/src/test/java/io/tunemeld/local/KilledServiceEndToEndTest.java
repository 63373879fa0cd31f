package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.bench.SyntheticCharts;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.track.TrackApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * track-service runs as a process of its own and is killed (SIGKILL) while it works through 30
 * synthetic playlists (3,000 sightings), then started again: every sighting ends up in its tables, once,
 * and the read model is complete.
 */
class KilledServiceEndToEndTest {

    private static final int GENRES = 10;
    private static final int TRACKS = 100;

    @Test
    void aServiceKilledInTheMiddleOfItsWorkLosesNothingAndDuplicatesNothing() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.awaitCaughtUp();
        SyntheticCharts charts = new SyntheticCharts("killed", GENRES, 1, TRACKS, 0.6, 11);
        Path payloads = charts.write(Files.createTempDirectory("tunemeld-killed-")).get(0);
        String isrcs = charts.isrcPrefix() + "%";
        stack.stopService(TrackApplication.NAME);
        Process track = stack.startProcess(TrackApplication.NAME);
        try {
            HttpClient http = HttpClient.newHttpClient();
            var readiness = HttpRequest.newBuilder(URI.create(stack.serviceUrl(TrackApplication.NAME) + "/actuator/health/readiness")).build();
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

            StackClient.of(stack).startRun(Map.of("dir", payloads.toAbsolutePath().toString(), "trigger", "test", "wait", "false"));
            // in the middle: some of these sightings stored, others still waiting
            try (var db = SharedStack.superuser();
                    var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(db, "select count(*) from track.service_tracks where track_key like '" + isrcs + "'") > 0);
                assertThat(progress.lag().get(TrackApplication.NAME)).as("sightings waiting when track-service dies").isPositive();
            }
        } finally {
            track.destroyForcibly().waitFor();
            stack.startService(TrackApplication.NAME);
        }
        PipelineProgress.requireCaughtUp(stack.kafkaBootstrapServers(), Duration.ofMinutes(5));

        try (var db = SharedStack.superuser()) {
            assertThat(count(db, """
                    select count(*) from normalizer.service_tracks n
                    join normalizer.latest_snapshots l on l.snapshot_id = n.snapshot_id
                    where l.genre like 'killed%' and not exists (
                        select 1 from track.service_tracks t where t.track_key = n.track_key and t.service = l.service)"""))
                    .as("resolved entries with no sighting in track-service").isZero();
            assertThat(count(db, """
                    select count(*) from (select isrc from track.tracks where replaced_by is null and isrc like '%s'
                        group by isrc having count(*) > 1) twice""".formatted(isrcs)))
                    .as("songs with two live canonical tracks").isZero();
            assertThat(count(db, "select count(*) from track.tracks where isrc like '" + isrcs + "' and replaced_by is null"))
                    .as("canonical tracks of the synthetic songs with an ISRC")
                    .isEqualTo(count(db, """
                            select count(distinct n.isrc) from normalizer.service_tracks n
                            join normalizer.latest_snapshots l on l.snapshot_id = n.snapshot_id
                            where l.genre like 'killed%%' and n.isrc like '%s'""".formatted(isrcs)));
            assertThat(count(db, "select count(*) from cache.playlists where genre like 'killed%'")).isEqualTo(GENRES * 3);
            assertThat(count(db, "select count(*) from cache.aggregates where genre like 'killed%'")).isEqualTo(GENRES);
        }
    }

    private static int count(Connection db, String sql) throws Exception {
        var rows = db.createStatement().executeQuery(sql);
        rows.next();
        return rows.getInt(1);
    }
}
