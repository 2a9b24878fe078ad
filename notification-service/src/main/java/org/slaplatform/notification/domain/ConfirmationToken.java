package org.slaplatform.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token of an email subscription's confirmation mail (double opt-in, issue 17): 32 random bytes,
 * URL-safe base64 without padding (43 characters). Stored only as its SHA-256 hash: 256 random bits
 * need no slow hash. Pure apart from the random source.
 */
public final class ConfirmationToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Longest token a request may carry before it is refused unread. */
    public static final int MAX_LENGTH = 64;

    private ConfirmationToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code token} is the one hashed; in constant time. */
    public static boolean matches(String token, byte[] hash) {
        return token != null && hash != null && MessageDigest.isEqual(hash(token), hash);
    }
}
