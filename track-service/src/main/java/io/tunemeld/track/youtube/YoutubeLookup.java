package io.tunemeld.track.youtube;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds a YouTube video for a track once, ever: each answer is kept (an empty one too), each search
 * first takes a call from today's budget, and a failed or unaffordable search is simply tried again on
 * a later sighting. Nothing is stored or published for a track without a real video.
 */
public class YoutubeLookup {

    private static final Logger log = LoggerFactory.getLogger(YoutubeLookup.class);

    private final YoutubeClient client;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int dailyBudget;

    public YoutubeLookup(YoutubeClient client, JdbcClient jdbc, Clock clock, int dailyBudget) {
        this.client = client;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyBudget = dailyBudget;
    }

    /** The video found earlier for this track, if any. */
    public Optional<String> knownUrl(String trackKey) {
        return jdbc.sql("select video_url from youtube_lookups where track_key = :key and video_url is not null")
                .param("key", trackKey).query(String.class).optional();
    }

    /** Searches unless this track was searched before or today's budget is spent. */
    public Optional<String> lookUp(String trackKey, String query) {
        boolean searched = jdbc.sql("select count(*) from youtube_lookups where track_key = :key")
                .param("key", trackKey).query(Integer.class).single() > 0;
        if (searched || !takeFromBudget()) {
            return knownUrl(trackKey);
        }
        Optional<String> url;
        try {
            url = client.firstVideo(query);
        } catch (YoutubeQuotaExceededException e) {
            log.warn("{}: no more YouTube look-ups until tomorrow (UTC)", e.getMessage());
            spendBudget();
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("YouTube look-up of {} failed, will try again later: {}", trackKey, e.getMessage());
            return Optional.empty();
        }
        jdbc.sql("""
                insert into youtube_lookups (track_key, query, video_url, looked_up_at) values (:key, :query, :url, :at)
                on conflict (track_key) do nothing""")
                .param("key", trackKey).param("query", query).param("url", url.orElse(null))
                .param("at", Timestamp.from(clock.instant())).update();
        return url;
    }

    private boolean takeFromBudget() {
        return jdbc.sql("""
                insert into youtube_budget (day, calls) values (:day, 1)
                on conflict (day) do update set calls = youtube_budget.calls + 1 where youtube_budget.calls < :budget""")
                .param("day", today()).param("budget", dailyBudget).update() > 0 && dailyBudget > 0;
    }

    private void spendBudget() {
        jdbc.sql("update youtube_budget set calls = :budget where day = :day").param("budget", dailyBudget).param("day", today())
                .update();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
