package io.tunemeld.track.views;

import io.tunemeld.schemas.MusicService;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** View counts per ISRC and service: the latest, a history by UTC day, and the failures. */
@Repository
public class ViewCountRepository {

    /** CC-XXX-YY-NNNNN without hyphens: country, registrant, year, designation. */
    static final Pattern ISRC = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

    private static final Map<MusicService, String> URL_COLUMNS = Map.of(
            MusicService.SPOTIFY, "spotify_url", MusicService.APPLE_MUSIC, "apple_music_url",
            MusicService.SOUNDCLOUD, "soundcloud_url", MusicService.YOUTUBE, "youtube_url");

    private final JdbcClient jdbc;

    ViewCountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each canonical track with a well-formed ISRC and a URL on the service: the URL by ISRC. */
    Map<String, String> urls(MusicService service) {
        return urls(service, Optional.empty());
    }

    /** @param isrc only this track's */
    Map<String, String> urls(MusicService service, Optional<String> isrc) {
        String column = URL_COLUMNS.get(service);
        Map<String, String> urls = new LinkedHashMap<>();
        // an ISRC-keyed track wins over a fallback-keyed one with the same ISRC
        jdbc.sql("select distinct on (isrc) isrc, " + column + " as url from tracks where replaced_by is null and " + column
                        + " is not null and isrc ~ :pattern" + (isrc.isPresent() ? " and isrc = :isrc" : "")
                        + " order by isrc, track_key = isrc desc, track_key")
                .param("pattern", "^" + ISRC.pattern() + "$")
                .params(isrc.map(i -> Map.of("isrc", (Object) i)).orElse(Map.of()))
                .query((rs, row) -> urls.put(rs.getString("isrc"), rs.getString("url"))).list();
        return urls;
    }

    /** @return the change since the previous recorded day, null when there is none */
    Long record(String isrc, MusicService service, LocalDate date, long count, Instant at) {
        if (!ISRC.matcher(isrc).matches()) {
            throw new IllegalArgumentException("not an ISRC: '" + isrc + "'");
        }
        jdbc.sql("""
                insert into view_counts (isrc, service, count, updated) values (:isrc, :service, :count, :at)
                on conflict (isrc, service) do update set count = excluded.count, updated = excluded.updated
                where view_counts.updated <= excluded.updated""")
                .param("isrc", isrc).param("service", service.slug()).param("count", count).param("at", Timestamp.from(at))
                .update();
        return jdbc.sql("""
                insert into historical_view_counts (isrc, service, date, count, delta)
                values (:isrc, :service, :date, :count, :count - (select h.count from historical_view_counts h
                        where h.isrc = :isrc and h.service = :service and h.date < :date order by h.date desc limit 1))
                on conflict (isrc, service, date) do update set count = excluded.count, delta = excluded.delta
                returning delta""")
                .param("isrc", isrc).param("service", service.slug()).param("date", date).param("count", count)
                .query((rs, row) -> (Long) rs.getObject("delta")).list().get(0);
    }

    /** The daily changes of the days before this one, newest first, at most this many. */
    List<Long> changesBefore(String isrc, MusicService service, LocalDate date, int days) {
        return jdbc.sql("""
                select delta from historical_view_counts
                where isrc = :isrc and service = :service and date < :date and delta is not null
                order by date desc limit :days""")
                .param("isrc", isrc).param("service", service.slug()).param("date", date).param("days", days)
                .query(Long.class).list();
    }

    void recordFailure(String isrc, MusicService service, LocalDate date, String reason, Instant at) {
        jdbc.sql("""
                insert into view_count_failures (isrc, service, date, reason, failed_at) values (:isrc, :service, :date, :reason, :at)
                on conflict (isrc, service, date) do update set reason = excluded.reason, failed_at = excluded.failed_at""")
                .param("isrc", isrc).param("service", service.slug()).param("date", date).param("reason", reason)
                .param("at", Timestamp.from(at)).update();
    }

    /** @return whether this call claimed the day (false: a replica ran it already) */
    boolean claimScheduledRun(LocalDate date, Instant at) {
        return jdbc.sql("insert into view_count_runs (date, started_at) values (:date, :at) on conflict (date) do nothing")
                .param("date", date).param("at", Timestamp.from(at)).update() > 0;
    }
}
