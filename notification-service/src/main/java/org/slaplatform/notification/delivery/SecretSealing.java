package org.slaplatform.notification.delivery;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.notification.repository.PlainSecrets;

import io.quarkus.runtime.StartupEvent;

/**
 * Encrypts the webhook secrets still stored in plain text (rows written before V7, or while no key
 * was configured) when the service starts with {@code notification.secret-key}: a batch at a
 * time, each row in the transaction that clears its plain column, locked with SKIP LOCKED so that
 * instances starting together share the work. Without a key it only warns.
 */
@ApplicationScoped
public class SecretSealing {

    private static final Logger LOG = Logger.getLogger(SecretSealing.class);

    /** Secrets sealed per transaction. */
    private static final int BATCH = 500;

    private final PlainSecrets secrets;
    private final SecretCipher cipher;

    SecretSealing(PlainSecrets secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent startup) throws SQLException {
        if (!cipher.enabled()) {
            LOG.warn("notification.secret-key (NOTIFICATION_SECRET_KEY) is not set: webhook secrets are"
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
            int batch = secrets.sealBatch(BATCH, cipher::seal);
            total += batch;
            if (batch < BATCH) {
                return total;
            }
        }
    }
}
