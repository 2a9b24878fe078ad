package org.slaplatform.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** {@link SessionSql} on the library's small application and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class SessionSqlTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private Statistics statistics;

    @BeforeEach
    void countPlans() {
        statistics = sessionFactory.getStatistics();
        statistics.setStatisticsEnabled(true);
    }

    @AfterEach
    void stopCounting() {
        statistics.setStatisticsEnabled(false);
    }

    @Test
    @DisplayName("Why it exists: each run of one native select through Hibernate Reactive stores one more plan")
    void hibernateReactivePlansANativeSelectAgainOnEveryRun() throws Throwable {
        long before = statistics.getQueryPlanCacheMissCount();

        for (int run = 0; run < 5; run++) {
            inTransaction(session -> session.createNativeQuery("select 41 + 1", Object.class).getSingleResult());
        }

        // Fails once Hibernate Reactive's result-set mapping has an equals: SessionSql can then go.
        assertThat(statistics.getQueryPlanCacheMissCount() - before).isEqualTo(5);
    }

    @Test
    @DisplayName("Selects on the session's connection, with the client's types, and plans nothing")
    void selectsWithoutPlans() throws Throwable {
        long before = statistics.getQueryPlanCacheMissCount();
        String id = UUID.randomUUID().toString();

        List<String> texts = inTransaction(session -> SessionSql.column(session,
                "select x from unnest($1::text[]) as x order by x", String.class, (Object) new String[] { "b", "c", "a" }));
        Boolean counted = inTransaction(session -> SessionSql.anyCounted(session,
                "select count(*) from unnest($1::text[]) as x where x = $2", new String[] { id }, id));
        Boolean none = inTransaction(session -> SessionSql.anyCounted(session,
                "select count(*) from unnest($1::text[]) as x where x = $2", new String[] { id }, "other"));

        assertThat(texts).containsExactly("a", "b", "c");
        assertThat(counted).isTrue();
        assertThat(none).isFalse();
        assertThat(statistics.getQueryPlanCacheMissCount() - before).isZero();
    }

    @Test
    @DisplayName("Rows are read by column name or position, with the PostgreSQL client's types")
    void rowsByNameAndPosition() throws Throwable {
        UUID id = UUID.randomUUID();

        List<SessionSql.Row> rows = inTransaction(session -> SessionSql.rows(session,
                "select $1::uuid as id, 3::int as n, 'x' as name, timestamptz '2026-12-08 10:00:00+01' as at, null::text as nothing",
                id));

        assertThat(rows).hasSize(1);
        SessionSql.Row row = rows.get(0);
        assertThat(row.get("id", UUID.class)).isEqualTo(id);
        assertThat(row.get("n", Integer.class)).isEqualTo(3);
        assertThat(row.get(2, String.class)).isEqualTo("x");
        assertThat(row.get("at", OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-12-08T09:00:00Z"));
        assertThat(row.get("nothing", String.class)).isNull();
        assertThatThrownBy(() -> row.get("missing", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column missing");
    }

    @Test
    @DisplayName("A value of another type than the caller expects is refused, not cast later")
    void aValueOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> inTransaction(session -> SessionSql.column(session, "select 7::bigint as seven", String.class)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected a String in column seven");
    }

    private static <T> T inTransaction(Function<Mutiny.Session, Uni<T>> work) throws Throwable {
        return VertxContextSupport.<T>subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> work.apply(session))));
    }
}
