package org.slaplatform.ticket.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Contract;
import org.slaplatform.ticket.policy.IntakeRules;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ITC-TKT-6 quota per contract year with rollover. A unit is taken by one conditional UPDATE
 * ({@code used < allowance + carried_in}): PostgreSQL re-checks the condition after a concurrent
 * transaction on the same row commits, so two intakes can never both take the last unit.
 * Runs on the connection of the intake's transaction: a refused or failed intake gives its unit back.
 */
@ApplicationScoped
public class QuotaLedger {

    /** Takes one unit of the contract year holding {@code day}; false when the year's quota is spent. */
    public Uni<Boolean> take(SqlConnection connection, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        LocalDate yearStart = contract.contractYearStart(day);
        return ensureYear(connection, contract, quota, yearStart)
                .chain(() -> connection.preparedQuery("update quota_years set used = used + 1 where account_id = $1"
                        + " and year_start = $2 and used < allowance + carried_in")
                        .execute(Tuple.of(contract.accountId, yearStart)))
                .map(updated -> updated.rowCount() == 1);
    }

    /**
     * Creates the year's row if missing. Its carried-in units are the unused remainder of the year
     * before, which itself includes what that year carried in: a customer who files nothing for two
     * years keeps both years' units (the reading most favourable to the customer; ITC says "the
     * remaining number ... shall be added to the next-year Support Plan").
     */
    private Uni<Void> ensureYear(SqlConnection connection, Contract contract, IntakeRules.Quota quota,
            LocalDate yearStart) {
        return connection.preparedQuery("select year_start, allowance, carried_in, used from quota_years"
                        + " where account_id = $1 and year_start < $2 order by year_start")
                .execute(Tuple.of(contract.accountId, yearStart))
                .chain(rows -> {
                    List<Object[]> years = new ArrayList<>();
                    rows.forEach(row -> years.add(new Object[] { row.getLocalDate(0), row.getInteger(1),
                            row.getInteger(2), row.getInteger(3) }));
                    int carried = quota.rollover() ? carriedInto(contract, quota, yearStart, years) : 0;
                    return connection.preparedQuery("insert into quota_years (account_id, year_start, year_end,"
                            + " allowance, carried_in, used) values ($1, $2, $3, $4, $5, 0) on conflict do nothing")
                            .execute(Tuple.of(contract.accountId, yearStart, yearStart.plusYears(1).minusDays(1),
                                    quota.tickets(), carried));
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
