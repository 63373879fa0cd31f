package io.tunemeld.local.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where PostgreSQL's time goes, statement by statement, from {@code pg_stat_statements} (the embedded server
 * preloads it), and the planner's statistics behind it. A database without {@code pg_stat_statements} (an
 * external one) gives an empty list, not an error.
 */
public final class DatabaseStatements {

    private static final int QUERY_LENGTH = 140;

    /** One normalised statement: how often it ran, the rows it wrote or returned, and its time in all and per call. */
    record Statement(String query, long calls, long rows, double totalMs, double meanMs) {
    }

    private DatabaseStatements() {
    }

    /** A connection as PostgreSQL's superuser, with its password. */
    @FunctionalInterface
    public interface Superuser {
        Connection connect() throws SQLException;
    }

    /**
     * Brings the planner's statistics up to date, as autovacuum does on a database that has been running:
     * tables created minutes before have none, and the planner took look-ups by key on them for scans of
     * most of the table (the largest share of PostgreSQL's time in the benchmark's first runs).
     */
    static void analyze(Superuser superuser) throws SQLException {
        try (var db = superuser.connect(); var statement = db.createStatement()) {
            statement.execute("analyze");
        }
    }

    /** The server's durability settings, as "fsync on, synchronous_commit on". */
    public static String durability(Superuser superuser) throws SQLException {
        try (var db = superuser.connect(); var statement = db.createStatement();
                var settings = statement.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
            settings.next();
            return "fsync " + settings.getString(1) + ", synchronous_commit " + settings.getString(2);
        }
    }

    /** Starts counting afresh; false when the database does not count statements. */
    static boolean reset(Superuser superuser) {
        try (var db = superuser.connect(); var statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every statement since the reset, summed: how many kinds, calls and rows, and their time. */
    record Totals(long kinds, long calls, long rows, double totalMs) {
    }

    /** The statements that took the most time, and all of them summed; none when the database does not count them. */
    record Top(List<Statement> statements, Totals all) {

        static final Top NONE = new Top(List.of(), new Totals(0, 0, 0, 0));
    }

    /** The statements that took the most time since the reset, most first, and every statement summed. */
    static Top top(Superuser superuser, int count) {
        List<Statement> top = new ArrayList<>();
        try (var db = superuser.connect();
                var query = db.prepareStatement("""
                        select query, calls, rows, total_exec_time, mean_exec_time from pg_stat_statements
                        where query not like '%pg_stat_statements%' order by total_exec_time desc limit ?""")) {
            query.setInt(1, count);
            var rows = query.executeQuery();
            while (rows.next()) {
                String text = rows.getString(1).replaceAll("\\s+", " ").strip();
                top.add(new Statement(text.length() > QUERY_LENGTH ? text.substring(0, QUERY_LENGTH) + " ..." : text,
                        rows.getLong(2), rows.getLong(3), rows.getDouble(4), rows.getDouble(5)));
            }
            var sums = db.createStatement().executeQuery("""
                    select count(*), coalesce(sum(calls), 0), coalesce(sum(rows), 0), coalesce(sum(total_exec_time), 0)
                    from pg_stat_statements where query not like '%pg_stat_statements%'""");
            sums.next();
            return new Top(top, new Totals(sums.getLong(1), sums.getLong(2), sums.getLong(3), sums.getDouble(4)));
        } catch (SQLException e) {
            return Top.NONE;
        }
    }
}
