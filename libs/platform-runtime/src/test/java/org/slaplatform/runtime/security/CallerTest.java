package org.slaplatform.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.cdi.NullJsonWebToken;

/**
 * DESIGN-7 "every read and write is scoped to the caller's account": the decisions of {@link Caller}
 * for real signed tokens of each role.
 */
class CallerTest {

    private static final SignedTokens TOKENS = new SignedTokens();

    private static Caller caller(String role, String account) {
        String token = TOKENS.mint(List.of(role), account, Duration.ofHours(1));
        SecurityIdentity identity = TOKENS.identity(token);
        return new Caller(identity, (org.eclipse.microprofile.jwt.JsonWebToken) identity.getPrincipal());
    }

    @Test
    @DisplayName("DESIGN-7: a customer sees only the account of its token's claim, and writes only for it")
    void aCustomerIsLimitedToItsAccountClaim() {
        Caller customer = caller(Roles.CUSTOMER, "acct-a");

        assertThat(customer.actsForAnyAccount()).isFalse();
        assertThat(customer.account()).contains("acct-a");
        assertThat(customer.maySee("acct-a")).isTrue();
        assertThat(customer.maySee("acct-b")).isFalse();
        assertThat(customer.accountForWrite(null)).as("its own when it names none").isEqualTo("acct-a");
        assertThat(customer.accountForWrite("acct-a")).isEqualTo("acct-a");
        assertThatThrownBy(() -> customer.accountForWrite("acct-b")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    @DisplayName("DESIGN-7 INF-TKT-8: a partner acts for the one customer account of its claim, as a customer does")
    void aPartnerIsLimitedToItsAccountClaim() {
        Caller partner = caller(Roles.PARTNER, "acct-a");

        assertThat(partner.hasRole(Roles.PARTNER)).isTrue();
        assertThat(partner.actsForAnyAccount()).isFalse();
        assertThat(partner.maySee("acct-a")).isTrue();
        assertThat(partner.maySee("acct-b")).isFalse();
        assertThat(partner.accountForWrite(null)).isEqualTo("acct-a");
        assertThatThrownBy(() -> partner.accountForWrite("acct-b")).isInstanceOf(ProblemException.class);
    }

    @Test
    @DisplayName("DESIGN-7: agents and admins see every account and must name the account they write for (400 naming accountId)")
    void agentsAndAdminsActForAnyNamedAccount() {
        for (String role : List.of(Roles.AGENT, Roles.ADMIN)) {
            Caller staff = caller(role, null);

            assertThat(staff.actsForAnyAccount()).as(role).isTrue();
            assertThat(staff.maySee("acct-a")).as(role).isTrue();
            assertThat(staff.maySee("acct-b")).as(role).isTrue();
            assertThat(staff.accountForWrite("acct-b")).as(role).isEqualTo("acct-b");
            for (String missing : new String[] { null, " " }) {
                assertThatThrownBy(() -> staff.accountForWrite(missing)).as(role)
                        .isInstanceOfSatisfying(ProblemException.class, e -> {
                            assertThat(e.problem().status()).isEqualTo(400);
                            assertThat(e.problem().violations()).extracting(v -> v.field()).containsExactly("accountId");
                        });
            }
        }
    }

    @Test
    @DisplayName("DESIGN-7: a probe acts for no account: it sees no account's data and cannot write for one (403)")
    void aProbeActsForNoAccount() {
        Caller probe = caller(Roles.PROBE, null);

        assertThat(probe.actsForAnyAccount()).isFalse();
        assertThat(probe.account()).isEmpty();
        assertThat(probe.maySee("acct-a")).isFalse();
        assertThatThrownBy(() -> probe.accountForWrite(null)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(403));
    }

    @Test
    @DisplayName("DESIGN-7: a customer token without an account claim sees nothing and writes nothing")
    void aCustomerWithoutAccountClaimIsScopedToNothing() {
        Caller customer = caller(Roles.CUSTOMER, null);

        assertThat(customer.maySee("acct-a")).isFalse();
        assertThatThrownBy(() -> customer.accountForWrite("acct-a")).isInstanceOf(ProblemException.class);
    }

    @Test
    @DisplayName("DESIGN-7/6: data of no account (a null account id) is not shown to a customer: false, never a NullPointerException (a 500)")
    void aNullAccountIsNotSeenByACustomer() {
        assertThat(caller(Roles.CUSTOMER, "acct-a").maySee(null)).isFalse();
        assertThat(caller(Roles.PROBE, null).maySee(null)).isFalse();
    }

    @Test
    @DisplayName("DESIGN-8: the caller's name is the token's principal, and the request's log lines carry its account")
    void nameAndLogContext() {
        Caller customer = caller(Roles.CUSTOMER, "acct-a");
        customer.intoLogContext();
        assertThat(customer.name()).isEqualTo("customer@acct-a");
        assertThat(MDC.get("account")).isEqualTo("acct-a");

        Caller anonymous = new Caller(QuarkusSecurityIdentity.builder().setAnonymous(true)
                .setPrincipal(new io.quarkus.security.runtime.QuarkusPrincipal("")).build(), new NullJsonWebToken());
        anonymous.intoLogContext();
        assertThat(anonymous.name()).isEqualTo("anonymous");
        assertThat(MDC.get("account")).as("no account of a previous request").isNull();
        assertThat(anonymous.maySee("acct-a")).isFalse();
    }
}
