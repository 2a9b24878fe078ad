package org.slaplatform.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Encrypts the webhook secrets still stored in plain text (rows written before V7, or while no key
 * was configured) when the service starts with {@code platform.notification.secret-key}: a batch at a
 * time, each row in the transaction that clears its plain column, locked with SKIP LOCKED so that
 * instances starting together share the work. Without a key it only warns.
 */
@ApplicationScoped
public class SecretSealing {

    private static final Logger LOG = Logger.getLogger(SecretSealing.class);

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;

    SecretSealing(AgroalDataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent startup) throws SQLException {
        if (!cipher.enabled()) {
            LOG.warn("platform.notification.secret-key (NOTIFICATION_SECRET_KEY) is not set: webhook secrets are"
                    + " stored in plain text");
            return;
        }
        int sealed = sealPlainSecrets();
        if (sealed > 0) {
            LOG.infof("%d webhook secrets stored in plain text are now encrypted", sealed);
        }
    }

    /** Seals every plain secret; answers how many. */
    public int sealPlainSecrets() throws SQLException {
        int total = 0;
        while (true) {
            int batch = 0;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement select = connection.prepareStatement("select id, secret from subscriptions"
                        + " where secret is not null order by id limit 500 for update skip locked");
                        PreparedStatement update = connection.prepareStatement(
                                "update subscriptions set secret_sealed = ?, secret = null where id = ?")) {
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            update.setBytes(1, cipher.seal(id, rs.getString(2)));
                            update.setObject(2, id);
                            update.addBatch();
                            batch++;
                        }
                    }
                    if (batch > 0) {
                        update.executeBatch();
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
            total += batch;
            if (batch < 500) {
                return total;
            }
        }
    }
}
