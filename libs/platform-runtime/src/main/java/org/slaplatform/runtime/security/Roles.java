package org.slaplatform.runtime.security;

/** The roles a bearer token may carry in its {@code groups} claim. */
public final class Roles {

    /** A person of a customer account. */
    public static final String CUSTOMER = "customer";
    /** A partner or consultant acting for a customer account (INF-TKT-8). */
    public static final String PARTNER = "partner";
    /** Support staff: works every account's tickets. */
    public static final String AGENT = "agent";
    /** A monitoring probe: posts check results, nothing else. */
    public static final String PROBE = "probe";
    /** An operator of the platform. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
