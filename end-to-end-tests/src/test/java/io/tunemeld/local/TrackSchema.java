package io.tunemeld.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** track-service's schema in the shared test stack, as its own role sees it. */
final class TrackSchema {

    private TrackSchema() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedStack.get().databaseUrl(), "track", "track");
    }

    /** The first column of the first row (null without one); {@code parameter}, when given, is the statement's one parameter. */
    static String query(String sql, String parameter) {
        try (Connection connection = connect(); var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
