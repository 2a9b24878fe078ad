package org.slaplatform.e2e;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/** What the SMTP server received. */
final class Mails {

    private Mails() {
    }

    /**
     * The notices mailed to {@code address}. A subscription confirmation (double opt-in) is not a
     * notice: one is mailed when a subscription reaches notification-service before the contract that
     * makes its address a contact, and the contract then confirms it.
     */
    static List<MimeMessage> to(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                if (m.getHeader("X-Sla-Subscription-Confirmation") != null) {
                    return false;
                }
                jakarta.mail.Address[] to = m.getRecipients(Message.RecipientType.TO);
                return to != null && Arrays.stream(to)
                        .anyMatch(r -> r.toString().toLowerCase().contains(address.toLowerCase()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The subjects of the mails to {@code address}, in the order they arrived. */
    static List<String> subjects(GreenMail smtp, String address) {
        return to(smtp, address).stream().map(Mails::subject).toList();
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a mail, all its parts. */
    static String text(MimeMessage mail) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
    }
}
