package org.slaplatform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One statement on a connection of its own, opened and closed around it: what the tests' database
 * helpers ({@link ServiceDatabase}, a library's own test database) share. A failure is an
 * {@link IllegalStateException} naming the statement.
 */
public final class Jdbc {

    /** Opens a new connection to one database and schema. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private Jdbc() {
    }

    /** The first column of the first row of {@code sql} (a {@code count(*)}), as a long. */
    public static long count(Connector database, String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs {@code sql}, a statement whose result, if any, is not read. */
    public static void execute(Connector database, String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
