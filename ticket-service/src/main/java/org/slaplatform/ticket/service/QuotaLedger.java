package org.slaplatform.ticket.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.repository.Contract;
import org.slaplatform.ticket.repository.QuotaYearRepository;
import org.slaplatform.ticket.repository.QuotaYearRepository.QuotaYear;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

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

    private final QuotaYearRepository years;

    QuotaLedger(QuotaYearRepository years) {
        this.years = years;
    }

    /** Takes one unit of the contract year holding {@code day}; false when the year's quota is spent. */
    public Uni<Boolean> take(SqlConnection connection, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        return take(years.on(connection), contract, quota, day);
    }

    /** The same, in a Hibernate Reactive session's transaction (a ticket's RESOLVED move). */
    public Uni<Boolean> take(Mutiny.Session session, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        return take(years.on(session), contract, quota, day);
    }

    private Uni<Boolean> take(QuotaYearRepository.Ledger ledger, Contract contract, IntakeRules.Quota quota, LocalDate day) {
        LocalDate yearStart = contract.contractYearStart(day);
        return ensureYear(ledger, contract, quota, yearStart).chain(() -> ledger.takeUnit(contract.accountId, yearStart));
    }

    /**
     * Creates the year's row if missing. Its carried-in units are the unused remainder of the year
     * before, which itself includes what that year carried in: a customer who files nothing for two
     * years keeps both years' units (the reading most favourable to the customer; ITC says "the
     * remaining number ... shall be added to the next-year Support Plan").
     */
    private Uni<Void> ensureYear(QuotaYearRepository.Ledger ledger, Contract contract, IntakeRules.Quota quota,
            LocalDate yearStart) {
        return ledger.yearsBefore(contract.accountId, yearStart).chain(before -> {
            int carried = quota.rollover() ? carriedInto(contract, quota, yearStart, before) : 0;
            return ledger.openYear(contract.accountId, yearStart, yearStart.plusYears(1).minusDays(1), quota.tickets(),
                    carried);
        });
    }

    static int carriedInto(Contract contract, IntakeRules.Quota quota, LocalDate yearStart, List<QuotaYear> before) {
        Map<LocalDate, QuotaYear> byYear = new HashMap<>();
        for (QuotaYear year : before) {
            byYear.put(year.yearStart(), year);
        }
        int carried = 0;
        for (int n = 0;; n++) {
            LocalDate year = contract.startsOn.plusYears(n);
            if (!year.isBefore(yearStart)) {
                return carried;
            }
            QuotaYear row = byYear.get(year);
            int remainder = row == null ? quota.tickets() + carried : row.allowance() + row.carriedIn() - row.used();
            carried = Math.max(0, remainder);
        }
    }
}
