package org.slaplatform.testing;

import java.time.Duration;

/** Real signed bearer tokens, verified by the service under test exactly as in production. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String token(String role, String account) {
        return TestInfrastructure.shared().keys().mint(role + "-user", role, account, Duration.ofHours(1));
    }

    public static String customer(String account) {
        return token("customer", account);
    }

    public static String agent() {
        return token("agent", null);
    }

    public static String admin() {
        return token("admin", null);
    }

    public static String probe() {
        return token("probe", null);
    }

    /** A token signed by a key the service does not trust. */
    public static String forged(String role, String account) {
        return org.slaplatform.localinfra.SigningKeys.generate().mint("mallory", role, account, Duration.ofHours(1));
    }
}
