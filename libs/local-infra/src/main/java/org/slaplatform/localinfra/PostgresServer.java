package org.slaplatform.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the embedded binaries: no apt, no Docker, and it runs as root too.
 * The data folder is kept, so a restart finds its data again.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** How a server treats a commit. */
    public enum Durability {
        /** fsync and synchronous_commit on: an acknowledged commit survives a crash of the machine (the local run). */
        DURABLE,
        /**
         * zonky's defaults, fsync and synchronous_commit off (tests): a commit is acknowledged before its
         * WAL is written, so even a killed server process may lose the last fraction of a second of commits.
         */
        FAST
    }

    /**
     * Starts a server on {@code port} (0: any free port) keeping its data in {@code dataDirectory}.
     */
    public static PostgresServer start(Path dataDirectory, int port, Durability durability) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Enough for many services' pools.
                .setServerConfig("shared_buffers", sharedBuffers());
        if ("1".equals(System.getenv("PLATFORM_PG_STAT_STATEMENTS"))) {
            // which statements PostgreSQL's time goes to (benchmarks/goal-load.sh prints them); off by default
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.max", "2000");
        }
        if (durability == Durability.DURABLE) {
            // zonky starts the server with -F (fsync off) and synchronous_commit=off; a -c after -F wins.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return new PostgresServer(builder.start());
    }

    /**
     * PostgreSQL's buffer cache: 256MB, or {@code -Dplatform.postgres.shared-buffers} (a benchmark's knob:
     * what a working set larger than the cache costs, docs/scaling.md). Only a size in MB or GB is taken.
     */
    static String sharedBuffers() {
        String value = System.getProperty("platform.postgres.shared-buffers", "256MB").trim();
        if (!value.matches("[1-9][0-9]{0,5}(MB|GB)")) {
            throw new IllegalArgumentException("platform.postgres.shared-buffers: a size such as 256MB or 2GB, not " + value);
        }
        return value;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) throws SQLException {
        ensureDatabase(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    public static void ensureDatabase(String adminJdbcUrl, String user, String password, String database)
            throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + database);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
