package org.slaplatform.ticket.rest;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.slaplatform.ticket.config.TicketConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser the JWT authentication uses, remembering tokens it has verified: checking
 * an RS256 signature is about a tenth of the CPU of filing a ticket, and a portal or a client sends
 * the same token with every request until it expires.
 *
 * <p>Only a token that passed full verification (signature, issuer, expiry, as configured by
 * {@code mp.jwt.verify.*}) is remembered, keyed by its whole text, so another token never matches; it
 * is forgotten at its {@code exp} (a remembered token is never accepted after it) or after
 * {@code ticket.jwt-cache.max-age} (default 5 minutes, which bounds how long a change of the
 * verification key takes to apply), and at most {@code ticket.jwt-cache.max-size} tokens (10 000) are
 * kept. {@code max-size=0} turns the cache off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final DefaultJWTParser verifier;
    private final Cache<String, JsonWebToken> verified;
    private final boolean enabled;

    @Inject
    VerifiedTokenCache(DefaultJWTParser verifier, TicketConfig config) {
        this(verifier, config.jwtCache().maxSize(), config.jwtCache().maxAge());
    }

    VerifiedTokenCache(DefaultJWTParser verifier, long maxSize, Duration maxAge) {
        this.verifier = verifier;
        this.enabled = maxSize > 0;
        long maxAgeNanos = maxAge.toNanos();
        this.verified = Caffeine.newBuilder().maximumSize(Math.max(maxSize, 1))
                .expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
                        long untilExpiry = (jwt.getExpirationTime() * 1_000_000_000L) - System.currentTimeMillis() * 1_000_000L;
                        return Math.max(0, Math.min(untilExpiry, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (enabled) {
            JsonWebToken known = verified.getIfPresent(token);
            // the cache's own expiry runs on its ticker; the token's exp is checked on every use as well
            if (known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000) {
                return known;
            }
        }
        JsonWebToken jwt = verifier.parse(token);
        if (enabled && jwt.getExpirationTime() > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Whether {@code token} is remembered now (for tests). */
    public boolean remembers(String token) {
        return verified.getIfPresent(token) != null;
    }

    /** How many verified tokens are remembered now (for tests). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
