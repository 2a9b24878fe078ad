package org.slaplatform.runtime.security;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.slaplatform.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling and which account they may touch. Customers and partners act for the one account
 * in their token's {@code account} claim; agents and admins act for any account. Every read and
 * write of account data goes through here (DESIGN: every read and write is scoped).
 */
@RequestScoped
public class Caller {

    public static final String ACCOUNT_CLAIM = "account";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** Each log line of the request names the account it acted for (DESIGN 8). */
    @PostConstruct
    void intoLogContext() {
        account().ifPresentOrElse(account -> MDC.put("account", account), () -> MDC.remove("account"));
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Agents and admins see every account. */
    public boolean actsForAnyAccount() {
        return hasRole(Roles.AGENT) || hasRole(Roles.ADMIN);
    }

    public Optional<String> account() {
        return Optional.ofNullable(token.getClaim(ACCOUNT_CLAIM)).map(Object::toString);
    }

    /**
     * Whether the caller may see data of {@code accountId}; callers that may not get a 404, never a hint.
     * Data of no account (null) is not a customer's or partner's: false, where {@code accountId::equals}
     * threw a NullPointerException (a 500) even for a token without an account claim.
     */
    public boolean maySee(String accountId) {
        return actsForAnyAccount() || accountId != null && account().map(accountId::equals).orElse(false);
    }

    /**
     * The account a write acts for: the requested one for agents and admins (who must name it), the
     * token's own for customers and partners (who may name it only if it is theirs).
     */
    public String accountForWrite(String requested) {
        if (actsForAnyAccount()) {
            if (requested == null || requested.isBlank()) {
                throw ProblemException.badRequest("accountId", "must be given when an agent or admin acts");
            }
            return requested;
        }
        String own = account().orElseThrow(() -> ProblemException.forbidden("the token names no account"));
        if (requested != null && !requested.equals(own)) {
            throw ProblemException.forbidden("the token does not act for account " + requested);
        }
        return own;
    }
}
