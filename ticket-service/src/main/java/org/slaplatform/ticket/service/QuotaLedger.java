package org.slaplatform.ticket.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.repository.Contract;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ITC-TKT-6 quota per contract year with rollover. A unit is taken by one conditional UPDATE
 * ({@code used < allowance + carried_in}): PostgreSQL re-checks the condition after a concurrent
 * transaction on the same row commits, so two intakes can never both take the last unit.
 * Runs in the caller's transaction: at intake ({@code counts: opened}) on the reactive SQL connection,
 * so a refused or failed intake gives its unit back; at resolution ({@code counts: resolved}, ITC-TKT-6)
 * in the Hibernate session of the state change, so the unit and the RESOLVED move commit together.
 */
@ApplicationScoped
public class QuotaLedger {

    /** The statements the ledger needs, on whichever connection holds the caller's transaction. */
    private interface Sql {
        Uni<List<Object[]>> select(String sql, Object... params);

        Uni<Integer> update(String sql, Object... params);
    }

    /** Takes one unit of the contract year holding {@code day}; false when the year's quota is spent. */
    public Uni<Boolean> take(SqlConnection connection, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        return take(on(connection), contract, quota, day);
    }

    /** The same, in a Hibernate Reactive session's transaction (a ticket's RESOLVED move). */
    public Uni<Boolean> take(Mutiny.Session session, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        return take(on(session), contract, quota, day);
    }

    private Uni<Boolean> take(Sql sql, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        LocalDate yearStart = contract.contractYearStart(day);
        return ensureYear(sql, contract, quota, yearStart)
                .chain(() -> sql.update("update quota_years set used = used + 1 where account_id = $1"
                        + " and year_start = $2 and used < allowance + carried_in", contract.accountId, yearStart))
                .map(updated -> updated == 1);
    }

    private static Sql on(SqlConnection connection) {
        return new Sql() {
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
        };
    }

    /** Hibernate's native queries take ?1 where the reactive client takes $1. */
    private static Sql on(Mutiny.Session session) {
        return new Sql() {
            @Override
            @SuppressWarnings("unchecked")
            public Uni<List<Object[]>> select(String sql, Object... params) {
                Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql.replaceAll("\\$(\\d+)", "?$1"),
                        Object[].class);
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.getResultList();
            }

            @Override
            public Uni<Integer> update(String sql, Object... params) {
                Mutiny.MutationQuery query = session.createNativeQuery(sql.replaceAll("\\$(\\d+)", "?$1"));
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.executeUpdate();
            }
        };
    }

    /**
     * Creates the year's row if missing. Its carried-in units are the unused remainder of the year
     * before, which itself includes what that year carried in: a customer who files nothing for two
     * years keeps both years' units (the reading most favourable to the customer; ITC says "the
     * remaining number ... shall be added to the next-year Support Plan").
     */
    private Uni<Void> ensureYear(Sql sql, Contract contract, IntakeRules.Quota quota, LocalDate yearStart) {
        return sql.select("select year_start, allowance, carried_in, used from quota_years"
                        + " where account_id = $1 and year_start < $2 order by year_start", contract.accountId, yearStart)
                .chain(years -> {
                    int carried = quota.rollover() ? carriedInto(contract, quota, yearStart, years) : 0;
                    return sql.update("insert into quota_years (account_id, year_start, year_end,"
                            + " allowance, carried_in, used) values ($1, $2, $3, $4, $5, 0) on conflict do nothing",
                            contract.accountId, yearStart, yearStart.plusYears(1).minusDays(1), quota.tickets(), carried);
                }).replaceWithVoid();
    }

    static int carriedInto(Contract contract, IntakeRules.Quota quota, LocalDate yearStart, List<Object[]> rows) {
        Map<LocalDate, int[]> byYear = new HashMap<>();
        for (Object[] row : rows) {
            LocalDate start = row[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[0];
            byYear.put(start, new int[] { ((Number) row[1]).intValue(), ((Number) row[2]).intValue(),
                    ((Number) row[3]).intValue() });
        }
        int carried = 0;
        for (int n = 0;; n++) {
            LocalDate year = contract.startsOn.plusYears(n);
            if (!year.isBefore(yearStart)) {
                return carried;
            }
            int[] row = byYear.get(year);
            int remainder = row == null ? quota.tickets() + carried : row[0] + row[1] - row[2];
            carried = Math.max(0, remainder);
        }
    }
}
