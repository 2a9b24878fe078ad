package org.slaplatform.notification.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.slaplatform.notification.config.NotificationConfig;

/**
 * Webhook secrets at rest: AES-GCM (the JDK's provider) under the key in
 * {@code notification.secret-key} (base64 of 16, 24 or 32 bytes; 32 recommended), a random
 * 96-bit nonce per secret, a 128-bit tag, the subscription id as associated data (a sealed secret
 * copied to another subscription does not open). Sealed form: version byte {@code 1}, the nonce, the
 * ciphertext with its tag.
 */
@ApplicationScoped
public class SecretCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKey> key;

    @Inject
    SecretCipher(NotificationConfig config) {
        this(config.secretKey());
    }

    public SecretCipher(Optional<String> base64Key) {
        this.key = base64Key.map(String::strip).filter(k -> !k.isEmpty()).map(SecretCipher::parse);
    }

    private static SecretKey parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notification.secret-key is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("notification.secret-key must be 16, 24 or 32 bytes (base64), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Whether a key is configured: secrets are sealed. */
    public boolean enabled() {
        return key.isPresent();
    }

    public byte[] seal(UUID subscriptionId, String secret) {
        SecretKey k = key.orElseThrow(() -> new IllegalStateException("no notification.secret-key"));
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(subscriptionId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    /** The secret, or an exception naming why it cannot be read (no key, another key, altered, another row). */
    public String open(UUID subscriptionId, byte[] sealed) {
        SecretKey k = key.orElseThrow(() -> new IllegalStateException(
                "the webhook secret is sealed and notification.secret-key is not set"));
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("the sealed webhook secret has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(subscriptionId));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook secret cannot be opened with the configured key", e);
        }
    }

    private static byte[] aad(UUID subscriptionId) {
        return subscriptionId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
