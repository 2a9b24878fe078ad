package org.slaplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.slaplatform.localinfra.FreePorts;

import com.standardwebhooks.Webhook;

/** The fault run's receivers record what notification-service would send them, and the signature check holds. */
class NoticeSinksTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void webhooksAndMailsAreRecordedAndSignaturesChecked() throws Exception {
        try (NoticeSinks sinks = new NoticeSinks(FreePorts.next(), FreePorts.next())) {
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"ticketId\":\"t-1\"}";
            long now = System.currentTimeMillis() / 1000;
            int delivered = 0;
            for (int i = 0; i < 20; i++) {
                String id = "msg_" + i;
                String signature = new Webhook(SECRET).sign(id, now, body);
                int status = 0;
                for (int attempt = 0; attempt < 2 && status != 200; attempt++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(sinks.webhookBase() + "/acct"))
                            .timeout(java.time.Duration.ofSeconds(1))
                            .header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                            .header("webhook-signature", "v1,other " + signature).header("ce-id", "e-" + i)
                            .header("ce-type", "org.slaplatform.ticket.created.v1")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.net.http.HttpTimeoutException e) {
                        status = -1; // held past the timeout: the sender tries again
                    }
                }
                delivered += status == 200 ? 1 : 0;
            }
            assertThat(delivered).isEqualTo(20); // a second try is always answered 200
            assertThat(sinks.answered500.sum()).isPositive();
            Thread.sleep(NoticeSinks.HOLD_MILLIS + 500); // the held calls are recorded when they end
            assertThat(sinks.calls()).allSatisfy(c -> {
                assertThat(VerifyNotices.signatureVerifies(SECRET, c, sinks.clockOffsets())).isTrue();
                assertThat(VerifyNotices.signatureVerifies("whsec_" + "A".repeat(32), c, sinks.clockOffsets())).isFalse();
                // signed on a clock 40 days ahead: only with that offset
                assertThat(VerifyNotices.signatureVerifies(SECRET, c, java.util.Set.of(40L * 86_400_000))).isFalse();
            });
            assertThat(sinks.calls().stream().filter(c -> c.status() == 200).count()).isEqualTo(20);

            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(sinks.smtpPort()));
            MimeMessage mail = new MimeMessage(Session.getInstance(p));
            mail.setFrom("notices@slaplatform.local");
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("Support.x@load.example"));
            mail.setSubject("breach");
            mail.setText("text");
            mail.addHeader("X-Sla-Delivery-Id", "d-1");
            Transport.send(mail);
            assertThat(sinks.mails()).containsExactly(new NoticeSinks.Mail("d-1", false, java.util.List.of("support.x@load.example")));
        }
    }
}
