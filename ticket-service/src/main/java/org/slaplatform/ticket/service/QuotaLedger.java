package org.slaplatform.ticket.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Contract;
import org.slaplatform.ticket.policy.IntakeRules;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * ITC-TKT-6 quota per contract year with rollover. A unit is taken by one conditional UPDATE
 * ({@code used < allowance + carried_in}): PostgreSQL re-checks the condition after a concurrent
 * transaction on the same row commits, so two intakes can never both take the last unit.
 * Runs inside the intake's transaction: a refused or failed intake gives its unit back.
 */
@ApplicationScoped
public class QuotaLedger {

    /** Takes one unit of the contract year holding {@code day}; false when the year's quota is spent. */
    public Uni<Boolean> take(Contract contract, IntakeRules.Quota quota, LocalDate day) {
        LocalDate yearStart = contract.contractYearStart(day);
        return ensureYear(contract, quota, yearStart)
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update quota_years set used = used + 1 where account_id = :account and year_start = :year"
                                + " and used < allowance + carried_in")
                        .setParameter("account", contract.accountId).setParameter("year", yearStart)
                        .executeUpdate()))
                .map(updated -> updated == 1);
    }

    /**
     * Creates the year's row if missing. Its carried-in units are the unused remainder of the year
     * before, which itself includes what that year carried in: a customer who files nothing for two
     * years keeps both years' units (the reading most favourable to the customer; ITC says "the
     * remaining number ... shall be added to the next-year Support Plan").
     */
    private Uni<Void> ensureYear(Contract contract, IntakeRules.Quota quota, LocalDate yearStart) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select year_start, allowance, carried_in, used from quota_years where account_id = :account"
                                + " and year_start < :year order by year_start", Object[].class)
                        .setParameter("account", contract.accountId).setParameter("year", yearStart).getResultList())
                .chain(rows -> {
                    int carried = quota.rollover() ? carriedInto(contract, quota, yearStart, rows) : 0;
                    return Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into quota_years (account_id, year_start, year_end, allowance, carried_in, used)"
                                    + " values (:account, :year, :end, :allowance, :carried, 0) on conflict do nothing")
                            .setParameter("account", contract.accountId).setParameter("year", yearStart)
                            .setParameter("end", yearStart.plusYears(1).minusDays(1))
                            .setParameter("allowance", quota.tickets()).setParameter("carried", carried)
                            .executeUpdate());
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
