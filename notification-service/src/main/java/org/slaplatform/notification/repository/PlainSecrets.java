package org.slaplatform.notification.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The webhook secrets still stored in plain text (rows written before V7, or while no key was
 * configured), sealed a batch per JDBC transaction. Blocking: for the start-up thread only.
 */
@ApplicationScoped
public class PlainSecrets {

    private static final String LOCK = """
            select id, secret from subscriptions where secret is not null order by id limit ? for update skip locked
            """;

    private static final String SEAL = """
            update subscriptions s set secret_sealed = v.sealed, secret = null
              from unnest(?::uuid[], ?::bytea[]) as v (id, sealed)
             where s.id = v.id
            """;

    private final AgroalDataSource dataSource;

    PlainSecrets(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks up to {@code limit} plain secrets (SKIP LOCKED, so that instances starting together share
     * the work) and, in the same transaction, stores each sealed and clears its plain column.
     *
     * @param seal the sealed form of a subscription's secret, the subscription id as associated data
     * @return how many were sealed; fewer than {@code limit} when none are left
     */
    public int sealBatch(int limit, BiFunction<UUID, String, byte[]> seal) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<UUID> ids = new ArrayList<>();
                List<byte[]> sealed = new ArrayList<>();
                try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                    lock.setInt(1, limit);
                    try (ResultSet rs = lock.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            ids.add(id);
                            sealed.add(seal.apply(id, rs.getString(2)));
                        }
                    }
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement update = connection.prepareStatement(SEAL)) {
                        Array idArray = connection.createArrayOf("uuid", ids.toArray());
                        Array sealedArray = connection.createArrayOf("bytea", sealed.toArray(byte[][]::new));
                        update.setArray(1, idArray);
                        update.setArray(2, sealedArray);
                        update.executeUpdate();
                    }
                }
                connection.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
