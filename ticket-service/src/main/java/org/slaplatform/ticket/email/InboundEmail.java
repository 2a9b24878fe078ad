package org.slaplatform.ticket.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.ticket.service.TicketService;

/**
 * An RFC 5322 message read into what intake needs: sender, Message-ID, subject, plain text and the
 * severity the sender asked for ({@code [Sev1]} .. {@code [Sev4]} in the subject; otherwise
 * {@link TicketService#DEFAULT_SEVERITY}).
 */
public record InboundEmail(String messageId, String sender, String subject, String text, int severity) {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_TEXT = 20_000;
    private static final Pattern SEVERITY = Pattern.compile("(?i)\\[sev(?:erity)?\\s*([1-4])\\]");
    private static final Session SESSION = Session.getInstance(new Properties());

    public static InboundEmail parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw ProblemException.badRequest("message", "is empty");
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            String sender = sender(message);
            String messageId = message.getMessageID();
            if (messageId == null || messageId.isBlank()) {
                // RFC 5322 only says SHOULD: the content itself identifies a re-sent copy
                messageId = "<sha256-" + sha256(raw) + ">";
            }
            String subject = message.getSubject();
            subject = subject == null || subject.isBlank() ? "(no subject)" : subject.strip().replaceAll("\\s+", " ");
            int severity = TicketService.DEFAULT_SEVERITY;
            Matcher m = SEVERITY.matcher(subject);
            if (m.find()) {
                severity = Integer.parseInt(m.group(1));
            }
            String text = text(message);
            return new InboundEmail(messageId.strip(), sender, cut(subject, MAX_SUBJECT), cut(text == null ? "" : text, MAX_TEXT),
                    severity);
        } catch (MessagingException | IOException e) {
            throw ProblemException.badRequest("message", "is not a readable RFC 5322 message: " + e.getMessage());
        }
    }

    private static String sender(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (AddressException e) {
            throw ProblemException.badRequest("From", "is not a valid address");
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            throw ProblemException.badRequest("From", "is missing: anonymous tickets are not accepted");
        }
        try {
            address.validate();
        } catch (AddressException e) {
            throw ProblemException.badRequest("From", "is not a valid address");
        }
        return address.getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first text/plain part; HTML only when there is no plain text, with its tags removed. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/html") && html == null) {
                    html = String.valueOf(child.getContent());
                    continue;
                }
                String text = text(child);
                if (text != null) {
                    return text;
                }
            }
            return html == null ? null : html.replaceAll("<[^>]*>", " ").strip();
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent()).replaceAll("<[^>]*>", " ").strip();
        }
        return null;
    }

    /** NUL cannot be stored in PostgreSQL text and means nothing in a mail: dropped. */
    private static String cut(String text, int max) {
        text = text.replace("\u0000", "");
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "InboundEmail[" + messageId + " from " + sender + "]";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
