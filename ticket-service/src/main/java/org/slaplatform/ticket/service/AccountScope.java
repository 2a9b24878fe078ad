package org.slaplatform.ticket.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.repository.ContractRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Which accounts a caller may see and act for. Customers: their token's account. Partners: their
 * own organisation and every account whose contract names them (INF-TKT-8). Agents and admins: all.
 * Anyone else (a probe): none. Reads run inside a Panache session.
 */
@ApplicationScoped
public class AccountScope {

    private final ContractRepository contracts;
    private final Pool pool;

    AccountScope(ContractRepository contracts, Pool pool) {
        this.contracts = contracts;
        this.pool = pool;
    }

    /** Empty: every account. Otherwise the accounts the caller may see (possibly none). */
    public Uni<Optional<List<String>>> visibleAccounts(Caller caller) {
        if (caller.actsForAnyAccount()) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<String> own = caller.account().filter(a -> caller.hasRole(Roles.CUSTOMER) || caller.hasRole(Roles.PARTNER))
                .map(List::of).orElse(List.of());
        if (!caller.hasRole(Roles.PARTNER) || own.isEmpty()) {
            return Uni.createFrom().item(Optional.of(own));
        }
        return contracts.accountsPartneredBy(own.get(0)).map(partnered -> {
            List<String> all = new ArrayList<>(own);
            all.addAll(partnered);
            return Optional.of(all);
        });
    }

    public Uni<Boolean> maySee(Caller caller, String accountId) {
        return visibleAccounts(caller).map(visible -> visible.map(list -> list.contains(accountId)).orElse(true));
    }

    /**
     * The account a write acts for. Agents and admins must name it; customers act for their own;
     * partners name the customer's account, which must list them (INF-TKT-8). Needs no session:
     * it runs before the intake's transaction.
     */
    public Uni<String> accountForWrite(Caller caller, String requested) {
        if (!caller.hasRole(Roles.PARTNER) || caller.actsForAnyAccount()) {
            return Uni.createFrom().item(() -> caller.accountForWrite(requested));
        }
        String own = caller.account().orElseThrow(() -> ProblemException.forbidden("the token names no account"));
        if (requested == null || requested.equals(own)) {
            return Uni.createFrom().item(own);
        }
        return contracts.accountsPartneredBy(pool, own).map(partnered -> {
            if (!partnered.contains(requested)) {
                throw ProblemException.forbidden("partner " + own + " does not act for account " + requested);
            }
            return requested;
        });
    }
}
