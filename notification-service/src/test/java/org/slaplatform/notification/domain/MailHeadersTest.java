package org.slaplatform.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailHeadersTest {

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = { "Disk full\r\nBcc: victim@example.com", "Disk full\nBcc: victim@example.com",
            "Disk full\rBcc: victim@example.com", "Disk full\u0000Bcc: victim@example.com",
            "Disk full\u0085Bcc: victim@example.com", "Disk full\u2028Bcc: victim@example.com",
            "Disk full\u2029Bcc: victim@example.com", "Disk full\tBcc:\u000b victim@example.com",
            "  Disk full \r\n\r\n Bcc: victim@example.com\r\n" })
    @DisplayName("subject header injection: every line break or control character becomes one space")
    void lineBreaksBecomeSpaces(String subject) {
        assertThat(MailHeaders.subject(subject)).isEqualTo("Disk full Bcc: victim@example.com");
    }

    @Test
    @DisplayName("bidirectional overrides are dropped; letters of any script stay")
    void bidiControlsGoLettersStay() {
        assertThat(MailHeaders.subject("Rechnung \u202egpj.exe")).isEqualTo("Rechnung gpj.exe");
        assertThat(MailHeaders.subject("Störung im Rechenzentrum 東京 🔥")).isEqualTo("Störung im Rechenzentrum 東京 🔥");
    }

    @Test
    @DisplayName("subject flooding: at most 200 code points, cut at a code point, ending in an ellipsis")
    void longSubjectsAreCut() {
        String cut = MailHeaders.subject("🔥".repeat(500));
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(MailHeaders.MAX_SUBJECT_LENGTH);
        assertThat(cut).endsWith("🔥\u2026");
        assertThat(MailHeaders.subject("a".repeat(200))).isEqualTo("a".repeat(200));
        assertThat(MailHeaders.subject("a".repeat(201))).isEqualTo("a".repeat(199) + "\u2026");
    }

    @Test
    @DisplayName("an empty or blank subject reads (no subject)")
    void emptySubjects() {
        assertThat(MailHeaders.subject(null)).isEqualTo("(no subject)");
        assertThat(MailHeaders.subject(" \r\n\t ")).isEqualTo("(no subject)");
    }

    @Test
    @DisplayName("In-Reply-To: only one msg-id on one line is threaded under; anything else is left out")
    void messageIds() {
        assertThat(MailHeaders.messageId("<CAF1234.5678@mail.vandelay.example>")).contains("<CAF1234.5678@mail.vandelay.example>");
        assertThat(MailHeaders.messageId("<a@b>\r\nBcc: victim@example.com")).isEmpty();
        assertThat(MailHeaders.messageId("<a@b> <c@d>")).isEmpty();
        assertThat(MailHeaders.messageId("a@b")).isEmpty();
        assertThat(MailHeaders.messageId(null)).isEmpty();
    }

    @Test
    @DisplayName("recipient header injection: an address with a line break, a space or a list separator is not one address")
    void oneAddress() {
        assertThat(MailHeaders.isOneAddress("ops@acme.example")).isTrue();
        assertThat(MailHeaders.isOneAddress("ops@acme.example\r\nBcc: victim@example.com")).isFalse();
        assertThat(MailHeaders.isOneAddress("ops@acme.example, victim@example.com")).isFalse();
        assertThat(MailHeaders.isOneAddress("Ops <ops@acme.example>")).isFalse();
        assertThat(MailHeaders.isOneAddress("")).isFalse();
    }
}
