package org.slaplatform.notification.notice;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.slaplatform.events.EventType;

/**
 * What one event type turns into: the account it concerns, who hears of it, the templates of the
 * notice ({@code templates/notices/<template>.html} and {@code .txt}) and its subject line, a Qute
 * expression over {@code data} (the event's payload) and {@code event} (its CloudEvent attributes).
 *
 * <p>Recipients are the union, one delivery each: the account's subscribers to the type (when
 * {@code subscribable}), the contract's contacts in {@code contactRoles} (NTF-1, NTF-4), and the
 * addresses the event names itself ({@code addresses}, e.g. the sender of an inbound mail, NTF-3).
 *
 * @param inReplyTo the Message-ID the mail answers, for threading; null when it answers none
 */
public record NoticeKind<T>(EventType<T> type, Function<T, String> account, String template, String subject,
        boolean subscribable, Function<T, Set<String>> contactRoles, Function<T, List<String>> addresses,
        Function<T, String> inReplyTo) {

    public NoticeKind {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(contactRoles, "contactRoles");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
    }

    /** A notice for the account's subscribers to {@code type}, and no one else. */
    public static <T> NoticeKind<T> forSubscribers(EventType<T> type, Function<T, String> account, String template,
            String subject) {
        return new NoticeKind<>(type, account, template, subject, true, data -> Set.of(), data -> List.of(),
                data -> null);
    }

    /** A message to the addresses the event names, never to subscribers. */
    public static <T> NoticeKind<T> direct(EventType<T> type, Function<T, String> account, String template,
            String subject, Function<T, List<String>> addresses) {
        return new NoticeKind<>(type, account, template, subject, false, data -> Set.of(), addresses, data -> null);
    }

    /** Also to the contract's contacts in these roles (SUPPORT, ACCOUNT_MANAGER, EXECUTIVE). */
    public NoticeKind<T> toContacts(Function<T, Set<String>> roles) {
        return new NoticeKind<>(type, account, template, subject, subscribable, roles, addresses, inReplyTo);
    }

    /** Also to the addresses the event names. */
    public NoticeKind<T> toAddresses(Function<T, List<String>> named) {
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, named, inReplyTo);
    }

    public NoticeKind<T> threadedUnder(Function<T, String> messageId) {
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, addresses, messageId);
    }

    public String accountOf(Object data) {
        return account.apply(type.dataClass().cast(data));
    }

    public Set<String> contactRolesOf(Object data) {
        return contactRoles.apply(type.dataClass().cast(data));
    }

    public List<String> addressesOf(Object data) {
        return addresses.apply(type.dataClass().cast(data));
    }

    public String inReplyToOf(Object data) {
        return inReplyTo.apply(type.dataClass().cast(data));
    }
}
