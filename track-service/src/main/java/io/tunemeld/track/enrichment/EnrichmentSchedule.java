package io.tunemeld.track.enrichment;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cascade's schedule: one row per subject and step, with its last attempt, and how far it was reported. */
@Repository
class EnrichmentSchedule {

    /** Joins a subject's genres into one array element; no genre contains it. */
    private static final String GENRES = "\u001f";

    private final JdbcClient jdbc;

    EnrichmentSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A step to schedule for a subject, seen in these genres, due then. */
    record Planned(String subject, Set<String> genres, Instant dueAt) {
    }

    /** A step's schedule. */
    record State(String subject, EnrichmentStep step, List<String> genres, Instant dueAt, boolean force) {
    }

    /** A request to send: the poll claimed it. */
    record Due(String subject, EnrichmentStep step, boolean force) {
    }

    /**
     * Schedules a step for subjects not scheduled yet; a subject seen in a genre more takes it on (it can
     * only turn steps on). With {@code force}, the step is due now however fresh its result.
     *
     * @param planned at most one per subject
     */
    void plan(EnrichmentStep step, Collection<Planned> planned, boolean force, Instant now) {
        if (planned.isEmpty()) {
            return;
        }
        String onConflict = force
                ? "due_at = :now, force = true, genres = array(select distinct g from unnest(s.genres || excluded.genres) g order by g)"
                : "genres = array(select distinct g from unnest(s.genres || excluded.genres) g order by g) where not s.genres @> excluded.genres";
        jdbc.sql("""
                insert into enrichment_steps as s (subject, step, genres, due_at, force)
                select x.subject, :step, string_to_array(x.genres, :separator), x.due_at, :force
                from unnest(cast(:subjects as text[]), cast(:genres as text[]), cast(:dues as timestamptz[])) as x(subject, genres, due_at)
                on conflict (subject, step) do update set\s""" + onConflict)
                .param("step", step.name()).param("force", force).param("now", Timestamp.from(now)).param("separator", GENRES)
                .param("subjects", planned.stream().map(Planned::subject).toArray(String[]::new))
                .param("genres", planned.stream().map(p -> String.join(GENRES, p.genres().stream().sorted().toList())).toArray(String[]::new))
                .param("dues", planned.stream().map(p -> Timestamp.from(p.dueAt())).toArray(Timestamp[]::new))
                .update();
    }

    /**
     * Tracks with no metadata step yet (known from before enrichment was on): scheduled now, with the
     * default settings, since their genres are not known here.
     *
     * @return how many
     */
    int planUnscheduledTracks(Instant now) {
        return jdbc.sql("""
                insert into enrichment_steps (subject, step, genres, due_at)
                select t.track_key, :step, '{}', :now from tracks t
                where t.replaced_by is null
                  and not exists (select 1 from enrichment_steps s where s.subject = t.track_key and s.step = :step)""")
                .param("step", EnrichmentStep.TRACK_METADATA.name()).param("now", Timestamp.from(now)).update();
    }

    /**
     * Makes the metadata step of every track (or one) due now, fresh or not.
     *
     * @return how many
     */
    int forceTracks(Optional<String> trackKey, Instant now) {
        return jdbc.sql("update enrichment_steps set due_at = :now, force = true where step = :step"
                        + (trackKey.isPresent() ? " and subject = :key" : ""))
                .param("step", EnrichmentStep.TRACK_METADATA.name()).param("now", Timestamp.from(now))
                .params(trackKey.map(key -> Map.of("key", (Object) key)).orElse(Map.of()))
                .update();
    }

    /**
     * Claims the steps that are due and whose request has not gone out since (or went out so long ago
     * that it was lost), oldest first; replicas polling together each claim others.
     */
    List<Due> claimDue(Instant now, Instant unansweredBefore, int limit) {
        return jdbc.sql("""
                update enrichment_steps s set requested_at = :now
                from (select subject, step from enrichment_steps
                      where due_at <= :now and (requested_at is null or requested_at < due_at or requested_at < :unanswered)
                      order by due_at limit :limit for update skip locked) d
                where s.subject = d.subject and s.step = d.step
                returning s.subject, s.step, s.force""")
                .param("now", Timestamp.from(now)).param("unanswered", Timestamp.from(unansweredBefore)).param("limit", limit)
                .query((rs, row) -> new Due(rs.getString("subject"), EnrichmentStep.valueOf(rs.getString("step")), rs.getBoolean("force")))
                .list();
    }

    /** Requests sent and not answered yet (leaving out those so old they count as lost). */
    int awaitingAnswer(Instant unansweredBefore) {
        return jdbc.sql("select count(*) from enrichment_steps where requested_at >= due_at and requested_at >= :unanswered")
                .param("unanswered", Timestamp.from(unansweredBefore)).query(Integer.class).single();
    }

    /** Every step of a track that is gone (re-keyed). */
    void forget(String trackKey) {
        jdbc.sql("delete from enrichment_steps where subject = :key and step <> :artist")
                .param("key", trackKey).param("artist", EnrichmentStep.ARTIST_METADATA.name()).update();
    }

    Optional<State> state(String subject, EnrichmentStep step) {
        return jdbc.sql("select genres, due_at, force from enrichment_steps where subject = :subject and step = :step")
                .param("subject", subject).param("step", step.name())
                .query((rs, row) -> new State(subject, step, strings(rs.getArray("genres")), instant(rs, "due_at"), rs.getBoolean("force")))
                .optional();
    }

    /** Records an attempt's outcome and when the step is next due. */
    void finish(String subject, EnrichmentStep step, Outcome outcome, String detail, Instant now, Instant nextDue) {
        jdbc.sql("""
                update enrichment_steps set attempted_at = :now, outcome = :outcome, detail = :detail, force = false,
                    due_at = :next, done_at = case when :lasts then :now else done_at end
                where subject = :subject and step = :step""")
                .param("subject", subject).param("step", step.name()).param("now", Timestamp.from(now))
                .param("outcome", outcome.name()).param("detail", detail).param("lasts", outcome.lasts())
                .param("next", Timestamp.from(nextDue)).update();
    }

    /** A step's last attempt. */
    record Attempt(String subject, EnrichmentStep step, Outcome outcome, String detail) {
    }

    /** The steps last attempted after {@code from} and until {@code to}, in the order they were. */
    List<Attempt> attemptedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                select subject, step, outcome, detail from enrichment_steps
                where attempted_at > :from and attempted_at <= :to order by attempted_at, subject, step""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new Attempt(rs.getString("subject"), EnrichmentStep.valueOf(rs.getString("step")),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"))).list();
    }

    /** Where the last report ended, locked until the transaction ends, so that one replica reports at a time. */
    Instant lockReportedUntil() {
        return jdbc.sql("select reported_until from enrichment_report for update").query(Timestamp.class).single().toInstant();
    }

    void reportedUntil(Instant until) {
        jdbc.sql("update enrichment_report set reported_until = :until").param("until", Timestamp.from(until)).update();
    }

    /** How a step's last attempt ended. */
    enum Outcome {
        /** Found and stored. */
        ENRICHED,
        /** The platform does not know the subject (or the track has gone): nothing to store. */
        NOT_FOUND,
        /** The call failed (an outage, a quota): tried again later. */
        FAILED,
        /** Nothing could be asked (the platform is not configured): tried again later. */
        SKIPPED;

        /** Found, or known not to be there: a result that stays until it is old (a failure is tried again sooner). */
        boolean lasts() {
            return this == ENRICHED || this == NOT_FOUND;
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
