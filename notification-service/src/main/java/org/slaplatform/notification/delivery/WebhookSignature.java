package org.slaplatform.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook call (NTF-5): {@code HMAC-SHA256(secret, timestamp + "." + body)} in
 * lower-case hex, sent as {@code Sla-Signature: v1=<hex>} with {@code Sla-Timestamp: <unix seconds>}.
 * The timestamp is inside the signed text, so a receiver that refuses old timestamps refuses replays.
 * The secret's UTF-8 bytes are the key. {@code docs/notification-service.md} has the receiver's recipe.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "Sla-Signature";
    public static final String TIMESTAMP_HEADER = "Sla-Timestamp";
    public static final String DELIVERY_ID_HEADER = "Sla-Delivery-Id";
    public static final String ATTEMPT_HEADER = "Sla-Delivery-Attempt";
    public static final String SCHEME = "v1=";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (secret == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
