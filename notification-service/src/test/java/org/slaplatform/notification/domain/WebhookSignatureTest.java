package org.slaplatform.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The example of the Standard Webhooks specification and its reference libraries' tests.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    @DisplayName("NTF-5 the signature is the Standard Webhooks one: v1, base64 HMAC-SHA256 over id.timestamp.body")
    void matchesTheSpecificationsExample() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_BODY, SPEC_SIGNATURE))
                .isTrue();
    }

    @Test
    @DisplayName("NTF-5 the id, the timestamp and the body are all signed")
    void everySignedPartCounts() {
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertThat(WebhookSignature.verify(SPEC_SECRET, "msg_other", ts, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, "1614265331", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, ts, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, "not-a-number", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_BODY, null)).isFalse();
    }

    @Test
    @DisplayName("NTF-5 with two secrets (a rotation) the header carries two signatures, and either secret verifies")
    void severalSignaturesOneHeader() {
        String newer = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        String header = WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(SPEC_SECRET, newer));
        assertThat(header.split(" ")).hasSize(2).startsWith(SPEC_SIGNATURE);
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(newer, SPEC_ID, ts, SPEC_BODY, header)).isTrue();
        // (not 24 zero bytes: HMAC pads a short key with zeros, so that would be the same key as 32 of them)
        assertThat(WebhookSignature.verify("whsec_" + Base64.getEncoder().encodeToString("another-key-of-24-bytes!".getBytes(
                StandardCharsets.US_ASCII)), SPEC_ID, ts,
                SPEC_BODY, header)).isFalse();
    }

    @Test
    @DisplayName("NTF-5 older secrets keep their key: URL-safe base64 after whsec_ decodes alike; any other secret is its UTF-8 bytes")
    void olderSecretsMapToTheirStandardForm() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xf0 + i % 16); // bytes whose base64 needs + and / (- and _ when URL-safe)
        }
        String before = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        String now = "whsec_" + Base64.getEncoder().encodeToString(key);
        assertThat(before).containsAnyOf("-", "_");
        assertThat(WebhookSignature.key(before)).isEqualTo(key);
        assertThat(WebhookSignature.standardForm(before)).isEqualTo(now);
        assertThat(WebhookSignature.sign(before, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(WebhookSignature.sign(now, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));

        String chosen = "legacy-plain-secret-0123456789";
        assertThat(WebhookSignature.key(chosen)).isEqualTo(chosen.getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSignature.standardForm(chosen))
                .isEqualTo("whsec_" + Base64.getEncoder().encodeToString(chosen.getBytes(StandardCharsets.UTF_8)));
    }
}
