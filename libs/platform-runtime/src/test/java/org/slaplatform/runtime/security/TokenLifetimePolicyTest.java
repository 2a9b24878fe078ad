package org.slaplatform.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.localinfra.SigningKeys;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * DESIGN-7: how long a bearer token may act, per role ({@link TokenLifetimePolicy} with the shipped
 * defaults of {@link TokenLifetimeConfig}), on real signed tokens; and that the library's JWT settings
 * refuse a token of another key, audience or issuer before the policy is asked.
 */
class TokenLifetimePolicyTest {

    private static final SignedTokens TOKENS = new SignedTokens();
    private static final SmallRyeConfig SHIPPED = new SmallRyeConfigBuilder()
            // Quarkus's own converter reads "12h" and "7d", as in a service
            .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
            .withMapping(TokenLifetimeConfig.class).build();
    private final TokenLifetimePolicy policy = new TokenLifetimePolicy(SHIPPED.getConfigMapping(TokenLifetimeConfig.class));

    @Test
    @DisplayName("DESIGN-7: the shipped limits: customer and partner 24 h, agent and admin 12 h, probe 7 days")
    void shippedLimits() {
        TokenLifetimeConfig limits = SHIPPED.getConfigMapping(TokenLifetimeConfig.class);
        assertThat(List.of(limits.customer(), limits.partner(), limits.agent(), limits.admin(), limits.probe()))
                .containsExactly(Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(12), Duration.ofHours(12),
                        Duration.ofDays(7));
    }

    @Test
    @DisplayName("DESIGN-7: a token valid for exactly its role's limit is accepted; one second longer is refused (401)")
    void theLimitIsInclusive() {
        Instant now = Instant.now();
        for (var role : List.of(List.of(Roles.CUSTOMER, "24h"), List.of(Roles.PARTNER, "24h"), List.of(Roles.AGENT, "12h"),
                List.of(Roles.ADMIN, "12h"), List.of(Roles.PROBE, "168h"))) {
            Duration limit = Duration.parse("PT" + role.get(1).toUpperCase());
            String account = role.get(0).equals(Roles.CUSTOMER) || role.get(0).equals(Roles.PARTNER) ? "acct-a" : null;
            assertThat(accepted(List.of(role.get(0)), account, now, now.plus(limit))).as(role.get(0)).isTrue();
            assertThat(accepted(List.of(role.get(0)), account, now, now.plus(limit).plusSeconds(1))).as(role.get(0)).isFalse();
        }
    }

    @Test
    @DisplayName("DESIGN-7: a token carrying several roles is held to the shortest of theirs (customer + admin: 12 h)")
    void severalRolesTakeTheShortestLimit() {
        Instant now = Instant.now();
        assertThat(accepted(List.of(Roles.CUSTOMER, Roles.ADMIN), "acct-a", now, now.plus(Duration.ofHours(12)))).isTrue();
        assertThat(accepted(List.of(Roles.CUSTOMER, Roles.ADMIN), "acct-a", now, now.plus(Duration.ofHours(13)))).isFalse();
        assertThat(accepted(List.of(Roles.PROBE, Roles.AGENT), null, now, now.plus(Duration.ofDays(2)))).isFalse();
    }

    @Test
    @DisplayName("DESIGN-7: the refusal says the token's lifetime and the role's limit")
    void theRefusalSaysWhy() {
        Instant now = Instant.now();
        SecurityIdentity identity = TOKENS.identity(TOKENS.mint(List.of(Roles.ADMIN), null, now, now.plus(Duration.ofDays(365)),
                SigningKeys.AUDIENCE, TOKENS.keys()));
        assertThatThrownBy(() -> policy.augment(identity, null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("PT8760H").hasMessageContaining("PT12H");
    }

    @Test
    @DisplayName("a token with none of the platform's roles is held to no lifetime: it can reach no role-guarded endpoint")
    void aTokenWithoutPlatformRolesHasNoLimit() {
        Instant now = Instant.now();
        assertThat(accepted(List.of("auditor"), null, now, now.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    @DisplayName("DESIGN-7: an anonymous request passes through the policy untouched (health, metrics, the status page)")
    void anonymousPassesThrough() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true)
                .setPrincipal(new io.quarkus.security.runtime.QuarkusPrincipal("")).build();
        assertThat(policy.augment(anonymous, null).await().indefinitely()).isSameAs(anonymous);
    }

    @Test
    @DisplayName("DESIGN-7: with the library's JWT settings, a token of another key, audience or issuer is refused before any role is read")
    void foreignTokensAreRefusedByTheShippedSettings() throws Exception {
        Instant now = Instant.now();
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = TOKENS.mint(List.of(Roles.ADMIN), null, now, now.plusSeconds(600), SigningKeys.AUDIENCE,
                generator.generateKeyPair());
        String otherAudience = TOKENS.mint(List.of(Roles.ADMIN), null, now, now.plusSeconds(600), "another-system",
                TOKENS.keys());
        String expired = TOKENS.mint(List.of(Roles.ADMIN), null, now.minusSeconds(7200), now.minusSeconds(3600),
                SigningKeys.AUDIENCE, TOKENS.keys());

        for (String token : List.of(forged, otherAudience, expired)) {
            assertThatThrownBy(() -> TOKENS.verify(token)).isInstanceOf(ParseException.class);
        }
        assertThat(TOKENS.verify(TOKENS.mint(List.of(Roles.ADMIN), null, Duration.ofMinutes(10))).getGroups())
                .containsExactly(Roles.ADMIN);
    }

    private boolean accepted(List<String> roles, String account, Instant issuedAt, Instant expiresAt) {
        SecurityIdentity identity = TOKENS.identity(
                TOKENS.mint(roles, account, issuedAt, expiresAt, SigningKeys.AUDIENCE, TOKENS.keys()));
        try {
            return policy.augment(identity, null).await().indefinitely() == identity;
        } catch (AuthenticationFailedException refused) {
            return false;
        }
    }
}
