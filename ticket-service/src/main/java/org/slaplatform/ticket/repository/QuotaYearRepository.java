package org.slaplatform.ticket.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.slaplatform.runtime.db.SessionSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ITC-TKT-6 the {@code quota_years} ledger: one row per account and contract year, with its allowance,
 * the units carried in from the year before and the units used. The statements run in the caller's
 * transaction, on whichever connection holds it: the reactive SQL connection at intake, the Hibernate
 * Reactive session at a ticket's resolution ({@link #on(SqlConnection)}, {@link #on(Mutiny.Session)}).
 */
@ApplicationScoped
public class QuotaYearRepository {

    /** One contract year of an account's quota. */
    public record QuotaYear(LocalDate yearStart, int allowance, int carriedIn, int used) {
    }

    private static final String YEARS_BEFORE = """
            select year_start, allowance, carried_in, used from quota_years
            where account_id = $1 and year_start < $2 order by year_start""";

    private static final String OPEN_YEAR = """
            insert into quota_years (account_id, year_start, year_end, allowance, carried_in, used)
            values ($1, $2, $3, $4, $5, 0) on conflict do nothing""";

    /**
     * Takes a unit by one conditional UPDATE: PostgreSQL re-checks {@code used < allowance + carried_in}
     * after a concurrent transaction on the same row commits, so two intakes never both take the last unit.
     */
    private static final String TAKE_UNIT = """
            update quota_years set used = used + 1
            where account_id = $1 and year_start = $2 and used < allowance + carried_in""";

    /** The ledger's statements on the reactive SQL connection of the caller's transaction. */
    public Ledger on(SqlConnection connection) {
        return new Ledger(new Statements() {
            @Override
            public Uni<List<Object[]>> select(String sql, Object... params) {
                return connection.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
                    List<Object[]> out = new ArrayList<>();
                    rows.forEach(row -> {
                        Object[] values = new Object[row.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = row.getValue(i);
                        }
                        out.add(values);
                    });
                    return out;
                });
            }

            @Override
            public Uni<Integer> update(String sql, Object... params) {
                return connection.preparedQuery(sql).execute(Tuple.from(params)).map(r -> r.rowCount());
            }
        });
    }

    /**
     * The same statements in a Hibernate Reactive session's transaction: selects on the session's connection
     * ({@link SessionSql}); updates as native queries, which take ?1 where the client takes $1.
     */
    public Ledger on(Mutiny.Session session) {
        return new Ledger(new Statements() {
            @Override
            public Uni<List<Object[]>> select(String sql, Object... params) {
                return SessionSql.rows(session, sql, params).map(rows -> rows.stream().map(SessionSql.Row::values).toList());
            }

            @Override
            public Uni<Integer> update(String sql, Object... params) {
                Mutiny.MutationQuery query = session.createNativeQuery(sql.replaceAll("\\$(\\d+)", "?$1"));
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.executeUpdate();
            }
        });
    }

    /** How a statement runs on one connection; positional parameters written {@code $1, $2, ...}. */
    private interface Statements {
        Uni<List<Object[]>> select(String sql, Object... params);

        Uni<Integer> update(String sql, Object... params);
    }

    /** The ledger on one transaction's connection. */
    public static final class Ledger {

        private final Statements statements;

        private Ledger(Statements statements) {
            this.statements = statements;
        }

        /** The account's contract years that start before {@code yearStart}, oldest first. */
        public Uni<List<QuotaYear>> yearsBefore(String accountId, LocalDate yearStart) {
            return statements.select(YEARS_BEFORE, accountId, yearStart).map(rows -> rows.stream().map(Ledger::year).toList());
        }

        /** Creates the contract year's row, nothing used yet, unless it exists. */
        public Uni<Void> openYear(String accountId, LocalDate yearStart, LocalDate yearEnd, int allowance, int carriedIn) {
            return statements.update(OPEN_YEAR, accountId, yearStart, yearEnd, allowance, carriedIn).replaceWithVoid();
        }

        /** Takes one unit of the contract year; false when its quota (with what it carried in) is spent. */
        public Uni<Boolean> takeUnit(String accountId, LocalDate yearStart) {
            return statements.update(TAKE_UNIT, accountId, yearStart).map(updated -> updated == 1);
        }

        private static QuotaYear year(Object[] row) {
            LocalDate start = row[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[0];
            return new QuotaYear(start, ((Number) row[1]).intValue(), ((Number) row[2]).intValue(),
                    ((Number) row[3]).intValue());
        }
    }
}
