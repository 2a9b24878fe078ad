package org.slaplatform.notification.notice;

import java.util.Objects;
import java.util.function.Function;

import org.slaplatform.events.EventType;

/**
 * What one event type turns into: the account whose subscribers hear of it, the templates of the
 * notice ({@code templates/notices/<template>.html} and {@code .txt}) and its subject line, a Qute
 * expression over {@code data} (the event's payload) and {@code event} (its CloudEvent attributes).
 */
public record NoticeKind<T>(EventType<T> type, Function<T, String> account, String template, String subject) {

    public NoticeKind {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
    }

    /** The account of one event of this kind. */
    public String accountOf(Object data) {
        return account.apply(type.dataClass().cast(data));
    }
}
