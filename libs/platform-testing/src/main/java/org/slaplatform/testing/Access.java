package org.slaplatform.testing;

import java.util.Arrays;
import java.util.Set;

/**
 * Who may call one operation, and how its answer depends on whose data it touches: one row of a
 * service's access table (issue 17, DESIGN-7, docs/security.md).
 *
 * @param roles         the roles that may call it
 * @param scope         whether it is anonymous, scoped to the caller's account, or platform-wide
 * @param foreignStatus what a customer, partner or probe gets for another account's data (404 by the
 *                      documented rule, 403 where a write names another account)
 * @param ownStatuses   what an allowed role gets for its own account's data; empty means the
 *                      operation's documented 2xx
 */
public record Access(Set<String> roles, Scope scope, int foreignStatus, Set<Integer> ownStatuses) {

    /** Whose data an operation touches. */
    public enum Scope {
        /** Anonymous: anyone, with or without a token (health, the public status page). */
        PUBLIC,
        /** One account's data: customers, partners and probes see their own only; agents and admins any. */
        ACCOUNT,
        /** Not any one account's data (products, the platform's own runs): the role alone decides. */
        PLATFORM
    }

    /** Anonymous: every caller gets the documented answer. */
    public static Access anonymous() {
        return new Access(Set.of(AccessMatrixContract.ROLES.toArray(String[]::new)), Scope.PUBLIC, 0, Set.of());
    }

    /** Scoped to the caller's account; another account's data answers 404 (docs/security.md). */
    public static Access account(String... roles) {
        return new Access(Set.of(roles), Scope.ACCOUNT, 404, Set.of());
    }

    /** Platform-wide data: whether the role may call it is all there is to it. */
    public static Access platform(String... roles) {
        return new Access(Set.of(roles), Scope.PLATFORM, 0, Set.of());
    }

    /** Another account's data answers {@code status} instead of 404. */
    public Access foreign(int status) {
        return new Access(roles, scope, status, ownStatuses);
    }

    /** The own account's call answers one of {@code statuses} instead of the documented 2xx. */
    public Access answers(Integer... statuses) {
        return new Access(roles, scope, foreignStatus, Set.copyOf(Arrays.asList(statuses)));
    }
}
