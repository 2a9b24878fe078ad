package org.slaplatform.runtime.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.slaplatform.localinfra.SigningKeys;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Real RS256 tokens, minted as {@link SigningKeys} mints them (with the issued-at and expiry a test
 * chooses) and verified by SmallRye JWT with the issuer, audience and groups path the library configures
 * ({@code META-INF/microprofile-config.properties}); the identity is built as quarkus-smallrye-jwt builds
 * it: the token as principal, its groups as roles.
 */
final class SignedTokens {

    private final KeyPair keys;
    private final DefaultJWTParser parser;

    SignedTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Properties shipped = shippedConfig();
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.getPublic(), withDefault(shipped, "mp.jwt.verify.issuer"));
        info.setExpectedAudience(Set.of(withDefault(shipped, "mp.jwt.verify.audiences")));
        info.setGroupsPath(shipped.getProperty("smallrye.jwt.path.groups"));
        parser = new DefaultJWTParser(info);
    }

    /** A token of {@code roles} for {@code account} (null: no account claim), valid from now for {@code lifetime}. */
    String mint(List<String> roles, String account, Duration lifetime) {
        Instant now = Instant.now();
        return mint(roles, account, now, now.plus(lifetime), SigningKeys.AUDIENCE, keys);
    }

    String mint(List<String> roles, String account, Instant issuedAt, Instant expiresAt, String audience, KeyPair signer) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(SigningKeys.ISSUER);
        claims.setAudience(audience);
        String subject = String.join("+", roles) + (account == null ? "" : "@" + account);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        if (issuedAt != null) {
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        }
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setStringListClaim("groups", roles);
        if (account != null) {
            claims.setClaim(Caller.ACCOUNT_CLAIM, account);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair keys() {
        return keys;
    }

    JsonWebToken verify(String token) throws ParseException {
        return parser.parse(token);
    }

    /** The identity a verified bearer token gives a request. */
    SecurityIdentity identity(String token) {
        try {
            JsonWebToken jwt = verify(token);
            return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(jwt.getGroups()).build();
        } catch (ParseException e) {
            throw new IllegalStateException("a token the test meant to be valid was refused", e);
        }
    }

    private static Properties shippedConfig() {
        Properties properties = new Properties();
        try (InputStream in = SignedTokens.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    /** {@code ${ENV:default}}: the default, as a deployment without the variable gets it. */
    private static String withDefault(Properties properties, String key) {
        String value = properties.getProperty(key);
        Matcher expression = Pattern.compile("\\$\\{[A-Z_]+:(.*)}").matcher(value);
        return expression.matches() ? expression.group(1) : value;
    }
}
