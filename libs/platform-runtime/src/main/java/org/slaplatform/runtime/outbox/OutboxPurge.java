package org.slaplatform.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slaplatform.runtime.worker.Job;
import org.slaplatform.runtime.worker.Next;

/**
 * Deletes outbox rows published longer ago than the retention, oldest first, a batch per turn: the
 * outbox keeps what was published for a while (an audit of what left the service, and what an
 * operator replays from), not for ever. Rows not yet published are never touched, however old.
 *
 * <p>A pass starts by finding its bound: the first id created within the retention. Every row before
 * it is old; the deletes of the pass look only below it, in id order on the primary key, so a pass
 * reads the old rows it deletes (and the few old unpublished ones it skips), never the young rest of
 * the table. A full batch means more may be waiting: the next turn comes at once, and the
 * {@link org.slaplatform.runtime.worker.Worker} lets the relay and the service's other work interleave.
 * A shorter batch ends the pass. Instances may purge at the same time: a row is deleted once, and a
 * delete that finds it gone deletes nothing.
 */
public final class OutboxPurge implements Job {

    private static final String BOUND = """
            select coalesce((select id from outbox where created_at >= now() - make_interval(secs => ?) order by id limit 1),
                            (select max(id) + 1 from outbox), 0)""";
    private static final String DELETE = """
            delete from outbox where id in (select id from outbox where id < ? and published_at < now() - make_interval(secs => ?)
                                             order by id limit ?)""";

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;
    private long bound = -1;

    public OutboxPurge(DataSource dataSource, Duration retention, int batchSize) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("outbox retention must be positive, not " + retention);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("outbox purge batch size must be at least 1, not " + batchSize);
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Override
    public Next turn() throws SQLException {
        return purgeBatch() == batchSize ? Next.now() : Next.idle();
    }

    /** Deletes one batch of published rows older than the retention; the rows deleted. */
    public int purgeBatch() throws SQLException {
        double seconds = retention.toMillis() / 1000.0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (bound < 0) {
                try (PreparedStatement find = connection.prepareStatement(BOUND)) {
                    find.setDouble(1, seconds);
                    try (ResultSet rs = find.executeQuery()) {
                        rs.next();
                        bound = rs.getLong(1);
                    }
                }
            }
            int deleted;
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setLong(1, bound);
                delete.setDouble(2, seconds);
                delete.setInt(3, batchSize);
                deleted = delete.executeUpdate();
            }
            if (deleted < batchSize) {
                bound = -1; // the pass is over: the next one finds its own bound
            }
            return deleted;
        }
    }
}
