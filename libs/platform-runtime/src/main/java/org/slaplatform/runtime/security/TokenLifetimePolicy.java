package org.slaplatform.runtime.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses, as unauthenticated (401), a verified token whose lifetime ({@code exp - iat}) exceeds
 * what its role may have ({@link TokenLifetimeConfig}), or that says nothing of when it was issued.
 * Signature, issuer, audience and expiry are checked before this by SmallRye JWT
 * ({@code mp.jwt.verify.*}).
 */
@ApplicationScoped
public class TokenLifetimePolicy implements SecurityIdentityAugmentor {

    private final TokenLifetimeConfig limits;

    TokenLifetimePolicy(TokenLifetimeConfig limits) {
        this.limits = limits;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        long issuedAt = token.getIssuedAtTime();
        long expiresAt = token.getExpirationTime();
        if (issuedAt <= 0 || expiresAt <= issuedAt) {
            return Uni.createFrom().failure(new AuthenticationFailedException("a token must say when it was issued"));
        }
        Duration lifetime = Duration.ofSeconds(expiresAt - issuedAt);
        Duration allowed = allowedFor(identity);
        if (allowed != null && lifetime.compareTo(allowed) > 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "a token valid for " + lifetime + " exceeds its role's " + allowed));
        }
        return Uni.createFrom().item(identity);
    }

    /** The shortest limit among the token's roles; null when it has none of the platform's roles. */
    Duration allowedFor(SecurityIdentity identity) {
        Duration allowed = null;
        for (String role : identity.getRoles()) {
            Duration limit = switch (role) {
                case Roles.CUSTOMER -> limits.customer();
                case Roles.PARTNER -> limits.partner();
                case Roles.AGENT -> limits.agent();
                case Roles.ADMIN -> limits.admin();
                case Roles.PROBE -> limits.probe();
                default -> null;
            };
            if (limit != null && (allowed == null || limit.compareTo(allowed) < 0)) {
                allowed = limit;
            }
        }
        return allowed;
    }
}
