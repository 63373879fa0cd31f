package io.tunemeld.track.lookup;

import io.tunemeld.schemas.MusicService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds a track's page on one service once, ever: each answer is kept (an empty one too), each search
 * first takes a call from the service's budget for today, and a failed or unaffordable search is simply
 * tried again on a later sighting. Nothing is stored or published for a track without a real page.
 */
public class UrlLookup {

    private static final Logger log = LoggerFactory.getLogger(UrlLookup.class);

    private final UrlSearch search;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int dailyBudget;

    public UrlLookup(UrlSearch search, JdbcClient jdbc, Clock clock, int dailyBudget) {
        this.search = search;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyBudget = dailyBudget;
    }

    public MusicService service() {
        return search.service();
    }

    /** The page found earlier for this track, if any. */
    public Optional<String> knownUrl(String trackKey) {
        return jdbc.sql("select url from url_lookups where service = :service and track_key = :key and url is not null")
                .param("service", service().slug()).param("key", trackKey).query(String.class).optional();
    }

    /** The pages found earlier for these tracks, by track key. */
    public Map<String, String> knownUrls(Collection<String> trackKeys) {
        Map<String, String> urls = new HashMap<>();
        jdbc.sql("select track_key, url from url_lookups where service = :service and track_key = any(cast(:keys as text[])) and url is not null")
                .param("service", service().slug()).param("keys", trackKeys.toArray(String[]::new))
                .query((rs, row) -> urls.put(rs.getString(1), rs.getString(2))).list();
        return urls;
    }

    /** Those of these tracks never searched for on this service. */
    public Set<String> neverSearched(Collection<String> trackKeys) {
        Set<String> keys = new HashSet<>(trackKeys);
        keys.removeAll(jdbc.sql("select track_key from url_lookups where service = :service and track_key = any(cast(:keys as text[]))")
                .param("service", service().slug()).param("keys", trackKeys.toArray(String[]::new))
                .query(String.class).list());
        return keys;
    }

    /** Searches unless this track was searched before or today's budget is spent. */
    public Optional<String> lookUp(String trackKey, UrlSearch.TrackQuery track) {
        boolean searched = jdbc.sql("select count(*) from url_lookups where service = :service and track_key = :key")
                .param("service", service().slug()).param("key", trackKey).query(Integer.class).single() > 0;
        if (searched || !takeFromBudget()) {
            return knownUrl(trackKey);
        }
        Optional<String> url;
        try {
            url = search.find(track);
        } catch (QuotaExceededException e) {
            log.warn("{}: no more {} look-ups until tomorrow (UTC)", e.getMessage(), service().slug());
            spendBudget();
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("{} look-up of {} failed, will try again later: {}", service().slug(), trackKey, e.getMessage());
            return Optional.empty();
        }
        jdbc.sql("""
                insert into url_lookups (service, track_key, query, url, looked_up_at) values (:service, :key, :query, :url, :at)
                on conflict (service, track_key) do nothing""")
                .param("service", service().slug()).param("key", trackKey).param("query", track.text())
                .param("url", url.orElse(null)).param("at", Timestamp.from(clock.instant())).update();
        return url;
    }

    private boolean takeFromBudget() {
        return jdbc.sql("""
                insert into lookup_budget (service, day, calls) values (:service, :day, 1)
                on conflict (service, day) do update set calls = lookup_budget.calls + 1 where lookup_budget.calls < :budget""")
                .param("service", service().slug()).param("day", today()).param("budget", dailyBudget).update() > 0
                && dailyBudget > 0;
    }

    private void spendBudget() {
        jdbc.sql("update lookup_budget set calls = :budget where service = :service and day = :day")
                .param("budget", dailyBudget).param("service", service().slug()).param("day", today()).update();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
