package org.slaplatform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC into the schema of the service under test: what a test checks behind the API's back. */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    /** The first column of the first row of {@code sql} (a {@code count(*)}) in the service's schema. */
    public static long count(String sql) {
        return Jdbc.count(ServiceDatabase::connect, sql);
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
