package io.tunemeld.aggregate.snapshot;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each ingest run's edition of a genre waits for: the playlists its RunFinished names, and which of
 * their snapshots came. Snapshots and the run's result arrive in any order (two topics); an edition is
 * complete once the run finished and every playlist it named is in, and is then forgotten.
 */
@Repository
class EditionRepository {

    private final JdbcClient jdbc;

    EditionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A snapshot of the run came; true when that completes the genre's edition, which is then forgotten. */
    boolean arrived(String runId, String genre, String service) {
        jdbc.sql("""
                insert into edition_playlists (run_id, genre, service, arrived) values (:run, :genre, :service, true)
                on conflict (run_id, genre, service) do update set arrived = true""")
                .param("run", runId).param("genre", genre).param("service", service).update();
        return completes(runId, genre);
    }

    /** The run finished. */
    void finished(String runId) {
        jdbc.sql("insert into finished_runs (run_id) values (:run) on conflict do nothing").param("run", runId).update();
    }

    /**
     * The finished run published these playlists of the genre; true when their snapshots are all in already,
     * which completes the edition (forgotten then). A genre none of whose snapshots came yet is not complete.
     */
    boolean expected(String runId, String genre, Collection<String> services) {
        for (String service : services) {
            jdbc.sql("""
                    insert into edition_playlists (run_id, genre, service, expected) values (:run, :genre, :service, true)
                    on conflict (run_id, genre, service) do update set expected = true""")
                    .param("run", runId).param("genre", genre).param("service", service).update();
        }
        return completes(runId, genre);
    }

    /** Whether the run finished and every playlist it named of the genre is in (one at least): then it is forgotten. */
    private boolean completes(String runId, String genre) {
        boolean complete = jdbc.sql("""
                select coalesce(exists (select 1 from finished_runs where run_id = :run)
                    and bool_and(arrived or not expected) and bool_or(arrived), false)
                from edition_playlists where run_id = :run and genre = :genre""")
                .param("run", runId).param("genre", genre).query(Boolean.class).single();
        if (complete) {
            forget(runId, genre);
        }
        return complete;
    }

    /** Editions waiting longer than this since their first playlist was known: a snapshot that never comes. */
    List<Edition> overdue(Duration timeout) {
        return jdbc.sql("""
                select run_id, genre, bool_or(arrived) as arrived from edition_playlists
                group by run_id, genre having min(since) < now() - make_interval(secs => :seconds)""")
                .param("seconds", timeout.toMillis() / 1000.0)
                .query((rs, row) -> new Edition(rs.getString("run_id"), rs.getString("genre"), rs.getBoolean("arrived")))
                .list();
    }

    void forget(String runId, String genre) {
        jdbc.sql("delete from edition_playlists where run_id = :run and genre = :genre")
                .param("run", runId).param("genre", genre).update();
    }

    /** @param arrived whether any of its snapshots came, so that ranking it shows something new */
    record Edition(String runId, String genre, boolean arrived) { }
}
