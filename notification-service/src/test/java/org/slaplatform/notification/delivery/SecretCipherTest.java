package org.slaplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    @DisplayName("NTF-5 a sealed secret opens with its key for its own subscription only; each seal has its own nonce")
    void sealsAndOpens() {
        SecretCipher cipher = new SecretCipher(Optional.of(KEY));
        UUID subscription = UUID.randomUUID();
        byte[] sealed = cipher.seal(subscription, "whsec_abc");
        assertThat(cipher.open(subscription, sealed)).isEqualTo("whsec_abc");
        assertThat(cipher.seal(subscription, "whsec_abc")).isNotEqualTo(sealed);

        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed))
                .hasMessageContaining("cannot be opened with the configured key");
        assertThatThrownBy(() -> new SecretCipher(Optional.of(OTHER_KEY)).open(subscription, sealed))
                .hasMessageContaining("cannot be opened with the configured key");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(subscription, altered))
                .hasMessageContaining("cannot be opened with the configured key");
        assertThatThrownBy(() -> new SecretCipher(Optional.empty()).open(subscription, sealed))
                .hasMessageContaining("notification.secret-key is not set");
    }

    @Test
    @DisplayName("a key that is not base64 of 16, 24 or 32 bytes is refused at start")
    void refusesBadKeys() {
        assertThatThrownBy(() -> new SecretCipher(Optional.of("not base64!"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(new byte[20]))))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThat(new SecretCipher(Optional.of("  ")).enabled()).isFalse();
    }
}
