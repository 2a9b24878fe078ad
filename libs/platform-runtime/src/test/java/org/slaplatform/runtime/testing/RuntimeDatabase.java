package org.slaplatform.runtime.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.slaplatform.testing.Jdbc;
import org.slaplatform.testing.TestInfrastructure;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * A fresh database on the test JVM's real PostgreSQL ({@link TestInfrastructure}), with a service-like
 * schema migrated by Flyway from the library's own migration ({@code db/platform}) plus the
 * {@code traceparent} column every service adds to it: the tables the outbox and the inbox really use.
 */
public final class RuntimeDatabase implements AutoCloseable {

    public static final String SCHEMA = "runtime";

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private AgroalDataSource dataSource;
    private Vertx vertx;
    private Pool pool;

    private RuntimeDatabase(Map<String, String> config) {
        this.host = config.get("platform.db.host");
        this.port = Integer.parseInt(config.get("platform.db.port"));
        this.database = config.get("platform.db.name");
        this.user = config.get("platform.db.user");
        this.password = config.get("platform.db.password");
    }

    /** A new database with the outbox and inbox tables, migrated as a service migrates them. */
    public static RuntimeDatabase migrated() {
        RuntimeDatabase db = new RuntimeDatabase(TestInfrastructure.shared().freshServiceConfig());
        Flyway.configure().dataSource(db.jdbcUrl(), db.user, db.password).schemas(SCHEMA)
                .locations("classpath:db/platform", "classpath:db/runtime-test").load().migrate();
        return db;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + SCHEMA;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** The pooled JDBC data source the relay and the batch consumer are given in a service. */
    public synchronized AgroalDataSource dataSource() throws SQLException {
        if (dataSource == null) {
            dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(8).acquisitionTimeout(Duration.ofSeconds(10))
                            // as Quarkus configures a PostgreSQL pool: a connection the database dropped is discarded
                            .exceptionSorter(new PostgreSQLExceptionSorter())
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl())
                                    .principal(new NamePrincipal(user)).credential(new SimplePassword(password)))));
        }
        return dataSource;
    }

    /** The Vert.x reactive client on the same schema, as the services' hot paths use it. */
    public synchronized Pool reactivePool() {
        if (pool == null) {
            vertx = Vertx.vertx();
            PgConnectOptions options = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                    .setUser(user).setPassword(password).setProperties(Map.of("search_path", SCHEMA));
            pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        }
        return pool;
    }

    public long count(String sql) {
        return Jdbc.count(this::connect, sql);
    }

    public void execute(String sql) {
        Jdbc.execute(this::connect, sql);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
