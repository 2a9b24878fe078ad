package org.slaplatform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC into the schema of the service under test: what a test checks behind the API's back. */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    public static long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = "jdbc:postgresql://" + config.getValue("platform.db.host", String.class) + ":"
                + config.getValue("platform.db.port", String.class) + "/"
                + config.getValue("platform.db.name", String.class) + "?currentSchema="
                + config.getValue("platform.db.schema", String.class);
        return DriverManager.getConnection(url, config.getValue("platform.db.user", String.class),
                config.getValue("platform.db.password", String.class));
    }
}
