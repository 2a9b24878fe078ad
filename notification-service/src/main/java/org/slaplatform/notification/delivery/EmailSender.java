package org.slaplatform.notification.delivery;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.domain.MailHeaders;
import org.slaplatform.notification.domain.NoticeCatalog;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Email over SMTP with Quarkus Mailer (NTF-5): an HTML and a text part. Blocking; runs on the
 * workers' pool. The delivery id travels in a header so that a support desk can match a bounce.
 */
@ApplicationScoped
public class EmailSender {

    public static final String DELIVERY_ID_HEADER = "X-Sla-Delivery-Id";
    /** On a subscription's confirmation mail (double opt-in): the subscription's id. */
    public static final String CONFIRMATION_HEADER = "X-Sla-Subscription-Confirmation";

    private final Mailer mailer;
    private final NoticeRenderer renderer;
    private final Clock clock;

    EmailSender(Mailer mailer, NoticeRenderer renderer, Clock clock) {
        this.mailer = mailer;
        this.renderer = renderer;
        this.clock = clock;
    }

    public Outcome send(ClaimedDelivery delivery) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        if (!MailHeaders.isOneAddress(delivery.recipient())) {
            // issue 17: an address from an event (a contact, a sender) never becomes a second header line
            return Outcome.failed(null, "smtp: the recipient is not one address on one line", started, 0);
        }
        try {
            NoticeRenderer.Rendered notice = renderer.render(delivery);
            Mail mail = Mail.withHtml(delivery.recipient(), notice.subject(), notice.html()).setText(notice.text())
                    .addHeader(DELIVERY_ID_HEADER, delivery.id().toString());
            if (NoticeCatalog.CONFIRMATION_TEMPLATE.equals(delivery.notice()) && delivery.subscriptionId() != null) {
                mail.addHeader(CONFIRMATION_HEADER, delivery.subscriptionId().toString());
            }
            // NTF-3: threaded under the mail it answers; a Message-ID that is not one msg-id on one line
            // (issue 17: it comes from an inbound mail) is left out rather than put into a header
            MailHeaders.messageId(delivery.inReplyTo()).ifPresent(inReplyTo -> mail.addHeader("In-Reply-To", inReplyTo)
                    .addHeader("References", inReplyTo));
            mailer.send(mail);
            return Outcome.delivered(null, started, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            return Outcome.failed(null, "smtp: " + e.getMessage(), started, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
