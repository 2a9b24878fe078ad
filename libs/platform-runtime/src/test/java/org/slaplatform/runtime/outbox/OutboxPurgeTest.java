package org.slaplatform.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.runtime.testing.RuntimeDatabase;
import org.slaplatform.runtime.worker.Next;

/**
 * {@link OutboxPurge} on a real PostgreSQL outbox: published rows past the retention go, a batch a
 * turn, oldest first; nothing unpublished goes (DESIGN-2: an event not yet on Kafka is never lost to
 * the purge), and nothing published within the retention.
 */
class OutboxPurgeTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static RuntimeDatabase db;

    @BeforeAll
    static void infrastructure() {
        db = RuntimeDatabase.migrated();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void emptyOutbox() {
        db.execute("delete from outbox");
    }

    /** {@code n} rows created {@code createdDaysAgo} and published {@code publishedDaysAgo} (null: not published). */
    private static void rows(String prefix, int n, int createdDaysAgo, Integer publishedDaysAgo) {
        db.execute("insert into outbox (event_id, topic, record_key, type, source, event_time, payload, created_at, published_at) "
                + "select '" + prefix + "-' || i, 'tickets.v1', 'k', 'test.event', 'test', now(), '{}', "
                + "now() - interval '" + createdDaysAgo + " days', "
                + (publishedDaysAgo == null ? "null" : "now() - interval '" + publishedDaysAgo + " days'")
                + " from generate_series(1, " + n + ") i");
    }

    private static List<String> left() {
        return Jdbc.strings(db, "select event_id from outbox order by id");
    }

    @Test
    @DisplayName("DESIGN-2: published rows past the retention are deleted a batch a turn, oldest first; unpublished and recent rows stay")
    void deletesOldPublishedRowsOnly() throws Exception {
        rows("old", 7, 10, 10);
        rows("old-unpublished", 2, 9, null); // the relay is stuck on these: they must wait for it, however old
        rows("old-published-late", 1, 9, 1); // created long ago, published yesterday: within the retention
        rows("young", 3, 1, 1);
        OutboxPurge purge = new OutboxPurge(db.dataSource(), WEEK, 3);

        assertThat(purge.turn()).as("a full batch: more may be waiting").isEqualTo(Next.now());
        assertThat(db.count("select count(*) from outbox where event_id like 'old-%' and event_id not like 'old-u%' "
                + "and event_id not like 'old-p%'")).as("the oldest three gone first").isEqualTo(4);
        assertThat(left().subList(0, 4)).containsExactly("old-4", "old-5", "old-6", "old-7");
        assertThat(purge.turn()).isEqualTo(Next.now());
        assertThat(purge.turn()).as("one left: the pass ends").isEqualTo(Next.idle());
        assertThat(purge.purgeBatch()).as("nothing more to delete").isZero();

        assertThat(left()).containsExactly("old-unpublished-1", "old-unpublished-2", "old-published-late-1", "young-1",
                "young-2", "young-3");
    }

    @Test
    @DisplayName("DESIGN-2: rows created within the retention are never read by a pass, even when an older unpublished row sits before them")
    void aPassStopsAtTheFirstRowWithinTheRetention() throws Exception {
        rows("stuck", 1, 30, null);
        rows("young", 5, 2, 2);
        OutboxPurge purge = new OutboxPurge(db.dataSource(), WEEK, 2);

        assertThat(purge.purgeBatch()).isZero();
        assertThat(left()).hasSize(6);
        // once published and past the retention, the stuck row goes too
        db.execute("update outbox set published_at = now() - interval '8 days' where event_id = 'stuck-1'");
        assertThat(purge.purgeBatch()).isEqualTo(1);
        assertThat(left()).containsExactly("young-1", "young-2", "young-3", "young-4", "young-5");
    }

    @Test
    @DisplayName("An empty outbox: a turn deletes nothing and waits")
    void emptyOutboxIsIdle() throws Exception {
        assertThat(new OutboxPurge(db.dataSource(), WEEK, 10).turn()).isEqualTo(Next.idle());
    }

    @Test
    @DisplayName("A retention of zero or less, or a batch under one row, is refused at start")
    void refusesSettingsThatWouldDeleteTooMuchOrNothing() throws Exception {
        assertThatThrownBy(() -> new OutboxPurge(db.dataSource(), Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
        assertThatThrownBy(() -> new OutboxPurge(db.dataSource(), Duration.ofDays(-1), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
        assertThatThrownBy(() -> new OutboxPurge(db.dataSource(), WEEK, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    /** Reads a column of strings. */
    private static final class Jdbc {
        static List<String> strings(RuntimeDatabase db, String sql) {
            try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
