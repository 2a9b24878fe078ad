package org.slaplatform.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The RSA key pair that signs the bearer tokens of a local run or a test run, and the minting of
 * tokens for a role and an account. Production uses the operator's own issuer and public key.
 */
public final class SigningKeys {

    /** The {@code iss} every service checks ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://slaplatform.local/issuer";
    /** The {@code aud} every service checks ({@code mp.jwt.verify.audiences}): a token for another system is refused. */
    public static final String AUDIENCE = "sla-platform";
    /** The claim naming the customer account a token acts for. */
    public static final String ACCOUNT_CLAIM = "account";

    private final KeyPair keyPair;

    private SigningKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public static SigningKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is always available", e);
        }
    }

    /** Reads the pair from {@code directory}, generating and writing it on first use. */
    public static SigningKeys inDirectory(Path directory) throws IOException {
        Path privatePem = directory.resolve("private-key.pem");
        Path publicPem = directory.resolve("public-key.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            ownerOnly(privatePem); // a key written before this rule was readable by every user
            return read(privatePem, publicPem);
        }
        SigningKeys keys = generate();
        Files.createDirectories(directory);
        Files.writeString(publicPem, keys.publicKeyPem());
        // The private key can mint an admin token: only its owner may read it (0600), from its first byte.
        Files.deleteIfExists(privatePem);
        Files.createFile(privatePem, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        ownerOnly(privatePem);
        Files.writeString(privatePem, pem("PRIVATE KEY", keys.keyPair.getPrivate().getEncoded()));
        return keys;
    }

    private static final java.util.Set<PosixFilePermission> OWNER_ONLY =
            java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, OWNER_ONLY); // explicit: createFile's attribute is masked by the umask
    }

    private static SigningKeys read(Path privatePem, Path publicPem) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(privatePem))));
            PublicKey publicKey = rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(unpem(Files.readString(publicPem))));
            return new SigningKeys(new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("the key files in " + privatePem.getParent() + " are not an RSA key pair", e);
        }
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
    }

    /**
     * A signed token for {@code role} acting for {@code account} (null for operator roles that act
     * for no single account).
     */
    public String mint(String subject, String role, String account, Duration validity) {
        return mint(subject, role, account, validity, AUDIENCE);
    }

    /** A signed token for another audience ({@code null}: none), to show that services refuse it. */
    public String mint(String subject, String role, String account, Duration validity, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        if (audience != null) {
            claims.setAudience(audience);
        }
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(validity).getEpochSecond()));
        claims.setStringListClaim("groups", role);
        if (account != null) {
            claims.setClaim(ACCOUNT_CLAIM, account);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keyPair.getPrivate());
        jws.setKeyIdHeaderValue("local");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String pem(String kind, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + kind + "-----\n" + body + "\n-----END " + kind + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
    }
}
