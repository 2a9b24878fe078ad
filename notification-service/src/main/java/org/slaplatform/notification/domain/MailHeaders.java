package org.slaplatform.notification.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Free text on its way into a mail header (issue 17, trusted inputs). A ticket's subject, a reply's
 * subject or a Message-ID arrive in events other services took from customers and from inbound mail;
 * a CR or LF among them would end the header and start another one ({@code Bcc:}, a second
 * {@code Subject:}, a body). Pure: no I/O.
 */
public final class MailHeaders {

    /** Longest subject, in code points; longer ones are cut and end in an ellipsis. */
    public static final int MAX_SUBJECT_LENGTH = 200;

    /** What a subject that is empty once cleaned reads. */
    static final String NO_SUBJECT = "(no subject)";

    /** A msg-id as In-Reply-To and References carry it: printable ASCII without spaces, in angle brackets. */
    private static final Pattern MESSAGE_ID = Pattern.compile("^<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,994}>$");

    private MailHeaders() {
    }

    /**
     * One line of at most {@link #MAX_SUBJECT_LENGTH} code points: every control character (C0, DEL,
     * C1 incl. NEL), the Unicode line and paragraph separators and the bidirectional controls become a
     * space, runs of white space one space. Non-ASCII letters stay; the mailer encodes them (RFC 2047).
     */
    public static String subject(String text) {
        if (text == null) {
            return NO_SUBJECT;
        }
        StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_SUBJECT_LENGTH * 2));
        int kept = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (breaksTheLine(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = kept > 0;
                continue;
            }
            if (space) {
                line.append(' ');
                kept++;
                space = false;
            }
            line.appendCodePoint(cp);
            kept++;
            if (kept > MAX_SUBJECT_LENGTH) {
                break;
            }
        }
        if (kept == 0) {
            return NO_SUBJECT;
        }
        if (kept > MAX_SUBJECT_LENGTH) {
            int end = line.offsetByCodePoints(0, MAX_SUBJECT_LENGTH - 1);
            return line.substring(0, end).stripTrailing() + "\u2026";
        }
        return line.toString();
    }

    /** The Message-ID to thread under, or empty when it is not one msg-id on one line (then the mail is not threaded). */
    public static Optional<String> messageId(String id) {
        return id != null && MESSAGE_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** Whether the address is one line without spaces or controls: the mailer then cannot be led to a second header. */
    public static boolean isOneAddress(String address) {
        return address != null && !address.isEmpty() && address.length() <= 254
                && address.codePoints().noneMatch(cp -> breaksTheLine(cp) || Character.isWhitespace(cp)
                        || Character.isSpaceChar(cp) || cp == ',' || cp == ';' || cp == '<' || cp == '>');
    }

    private static boolean breaksTheLine(int cp) {
        return Character.isISOControl(cp) // C0 (CR, LF, TAB, NUL, ...), DEL, C1 (NEL U+0085, ...)
                || cp == 0x2028 || cp == 0x2029 // line and paragraph separators
                || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0xfeff;
    }
}
