package org.slaplatform.ticket.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.localinfra.SigningKeys;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * DESIGN-7 the cache of verified tokens never lets through what full verification would refuse: real
 * RS256 tokens from the platform's signing keys, verified by SmallRye JWT's own parser.
 */
class VerifiedTokenCacheTest {

    private static final SigningKeys KEYS = SigningKeys.generate();

    private static VerifiedTokenCache cache(long maxSize, Duration maxAge) throws Exception {
        String pem = KEYS.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, SigningKeys.ISSUER);
        context.setClockSkew(0);
        return new VerifiedTokenCache(new DefaultJWTParser(context), maxSize, maxAge);
    }

    @Test
    @DisplayName("DESIGN-7 a verified token is remembered and answered without a second signature check")
    void remembersVerifiedTokens() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        String token = KEYS.mint("ann", "customer", "acme", Duration.ofMinutes(10));
        JsonWebToken first = cache.parse(token);
        assertThat(first.getName()).isEqualTo("ann");
        assertThat(first.<Object>getClaim("account").toString()).contains("acme");
        assertThat(cache.parse(token)).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("DESIGN-7 a token signed by an untrusted key, or tampered with, is refused every time and never remembered")
    void neverRemembersWhatFailed() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        String forged = SigningKeys.generate().mint("mallory", "admin", null, Duration.ofMinutes(10));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.parse(forged)).isInstanceOf(ParseException.class);
        }
        String good = KEYS.mint("ann", "customer", "acme", Duration.ofMinutes(10));
        cache.parse(good);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("acme", "evil").getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> cache.parse(tampered)).isInstanceOf(ParseException.class);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("DESIGN-7 a remembered token is refused once it expires")
    void forgetsAtExpiry() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        String shortLived = KEYS.mint("ann", "customer", "acme", Duration.ofSeconds(2));
        cache.parse(shortLived);
        Thread.sleep(3_100);
        assertThatThrownBy(() -> cache.parse(shortLived)).isInstanceOf(ParseException.class);
    }

    @Test
    @DisplayName("DESIGN-7 the cache is bounded, max-age applies, and max-size 0 turns it off")
    void boundedAndSwitchable() throws Exception {
        VerifiedTokenCache small = cache(3, Duration.ofMinutes(5));
        for (int i = 0; i < 20; i++) {
            small.parse(KEYS.mint("user-" + i, "customer", "acme", Duration.ofMinutes(10)));
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
        VerifiedTokenCache off = cache(0, Duration.ofMinutes(5));
        String token = KEYS.mint("ann", "customer", "acme", Duration.ofMinutes(10));
        assertThat(off.parse(token)).isNotSameAs(off.parse(token));
        VerifiedTokenCache young = cache(100, Duration.ofMillis(1));
        JsonWebToken first = young.parse(token);
        Thread.sleep(20);
        assertThat(young.parse(token)).isNotSameAs(first);
    }
}
