package org.slaplatform.ticket.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

import org.jsoup.Jsoup;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;

/**
 * An RFC 5322 message read into what intake needs: sender, Message-ID, subject, plain text and the
 * bracketed words of the subject that may name a severity ({@code [Sev2]}, {@code [Critical]},
 * {@code [Urgent]}): which of them does is decided under the contract's policy version, by its scale
 * (IS-TKT-2, {@code IntakeRules.SeverityScale#named}); none: the policy's default.
 */
public record InboundEmail(String messageId, String sender, String subject, String text, List<String> severityMarkers) {

    public InboundEmail {
        severityMarkers = severityMarkers == null ? List.of() : List.copyOf(severityMarkers);
    }

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_TEXT = 20_000;
    /**
     * The largest message taken in, whole (headers, text, HTML and attachments): 256 KiB. Larger ones
     * are refused before they are parsed (413 on the API; skipped and logged by the IMAP poller).
     */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Control characters (C0, DEL, C1), Unicode line/paragraph separators and whitespace runs: one space. */
    private static final Pattern NOT_ONE_LINE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+");
    /** A bracketed word or two of the subject: {@code [Sev1]}, {@code [Severity 2]}, {@code [High]}. */
    private static final Pattern MARKER = Pattern.compile("\\[([^\\[\\]]{1,40})\\]");
    /** At most this many bracketed words are offered to the policy's scale. */
    private static final int MAX_MARKERS = 5;
    private static final Session SESSION = Session.getInstance(new Properties());

    /**
     * Reads a message; never on a Vert.x event loop (CPU work on untrusted input), which it refuses with
     * an {@link IllegalStateException} so that a caller moved back onto the loop fails in the tests.
     */
    public static InboundEmail parse(byte[] raw) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("InboundEmail.parse runs on a worker thread, not on the event loop");
        }
        if (raw == null || raw.length == 0) {
            throw ProblemException.badRequest("message", "is empty");
        }
        if (raw.length > MAX_MESSAGE_BYTES) {
            throw tooLarge(raw.length);
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
            subject = oneLine(subject);
            List<String> markers = new ArrayList<>();
            Matcher m = MARKER.matcher(subject);
            while (m.find() && markers.size() < MAX_MARKERS) {
                markers.add(m.group(1).strip());
            }
            String text = text(message);
            return new InboundEmail(messageId.strip(), sender, cut(subject, MAX_SUBJECT), cut(text == null ? "" : text, MAX_TEXT),
                    markers);
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
            return html == null ? null : htmlToText(html);
        }
        if (part.isMimeType("text/html")) {
            return htmlToText(String.valueOf(part.getContent()));
        }
        return null;
    }

    /**
     * HTML to plain text with jsoup's parser, linear in the input (a regex over untrusted HTML was
     * not); script and style content is not text. Paragraph structure is reduced to spaces.
     */
    static String htmlToText(String html) {
        return Jsoup.parse(html).text().strip();
    }

    /**
     * The subject as one line: it is quoted in reply Subject headers, so CR, LF and every other
     * control character is folded into a space, never passed on.
     */
    static String oneLine(String subject) {
        String line = subject == null ? "" : NOT_ONE_LINE.matcher(subject).replaceAll(" ").strip();
        return line.isEmpty() ? "(no subject)" : line;
    }

    public static ProblemException tooLarge(long size) {
        return new ProblemException(Problem.payloadTooLarge("message: " + size
                + " bytes; the largest message taken in is " + MAX_MESSAGE_BYTES + " bytes")
                .withViolations(java.util.List.of(new Problem.Violation("message",
                        "must be at most " + MAX_MESSAGE_BYTES + " bytes"))));
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
