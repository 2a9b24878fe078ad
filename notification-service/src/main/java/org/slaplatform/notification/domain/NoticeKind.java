package org.slaplatform.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * @param inReplyTo  the Message-ID the mail answers, for threading; null when it answers none
 * @param when       whether an event of the type is worth a notice at all (a claim merely received is not)
 * @param variants   other notices the same type can be, tried in order before the default template
 *                   (a maintenance announced at short notice, NTF-2)
 */
public record NoticeKind<T>(EventType<T> type, Function<T, String> account, String template, String subject,
        boolean subscribable, Function<T, Set<String>> contactRoles, Function<T, List<String>> addresses,
        Function<T, String> inReplyTo, Predicate<T> when, List<Variant<T>> variants) {

    /** The roles of a contract's contacts (INF-TKT-7). */
    public static final Set<String> ALL_CONTACTS = Set.of("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");

    /** Another template and subject for the events {@code applies} to. */
    public record Variant<T>(Predicate<T> applies, String template, String subject) {
    }

    public NoticeKind {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(contactRoles, "contactRoles");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        Objects.requireNonNull(when, "when");
        variants = List.copyOf(variants);
    }

    /** A notice for the account's subscribers to {@code type}, and no one else. */
    public static <T> NoticeKind<T> forSubscribers(EventType<T> type, Function<T, String> account, String template,
            String subject) {
        return new NoticeKind<>(type, account, template, subject, true, data -> Set.of(), data -> List.of(),
                data -> null, data -> true, List.of());
    }

    /** A message to the addresses the event names, never to subscribers. */
    public static <T> NoticeKind<T> direct(EventType<T> type, Function<T, String> account, String template,
            String subject, Function<T, List<String>> addresses) {
        return new NoticeKind<>(type, account, template, subject, false, data -> Set.of(), addresses, data -> null,
                data -> true, List.of());
    }

    /** Also to the contract's contacts in these roles (SUPPORT, ACCOUNT_MANAGER, EXECUTIVE). */
    public NoticeKind<T> toContacts(Function<T, Set<String>> roles) {
        return new NoticeKind<>(type, account, template, subject, subscribable, roles, addresses, inReplyTo, when,
                variants);
    }

    /** Also to the addresses the event names. */
    public NoticeKind<T> toAddresses(Function<T, List<String>> named) {
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, named, inReplyTo, when,
                variants);
    }

    public NoticeKind<T> threadedUnder(Function<T, String> messageId) {
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, addresses, messageId,
                when, variants);
    }

    /** Only the events {@code worthy} accepts make a notice; the others are consumed and send nothing. */
    public NoticeKind<T> onlyWhen(Predicate<T> worthy) {
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, addresses, inReplyTo,
                worthy, variants);
    }

    /** Events {@code applies} to become the notice {@code otherTemplate} with its own subject. */
    public NoticeKind<T> or(Predicate<T> applies, String otherTemplate, String otherSubject) {
        List<Variant<T>> more = new ArrayList<>(variants);
        more.add(new Variant<>(applies, otherTemplate, otherSubject));
        return new NoticeKind<>(type, account, template, subject, subscribable, contactRoles, addresses, inReplyTo,
                when, more);
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

    public boolean worthANotice(Object data) {
        return when.test(type.dataClass().cast(data));
    }

    /** The template (the notice's name) this event becomes. */
    public String templateOf(Object data) {
        T typed = type.dataClass().cast(data);
        return variants.stream().filter(v -> v.applies().test(typed)).map(Variant::template).findFirst()
                .orElse(template);
    }

    /** The subject line of one of this kind's templates. */
    public String subjectOf(String notice) {
        return variants.stream().filter(v -> v.template().equals(notice)).map(Variant::subject).findFirst()
                .orElse(subject);
    }

    /** Every template this kind can use. */
    public List<String> templates() {
        List<String> all = new ArrayList<>();
        all.add(template);
        variants.forEach(v -> all.add(v.template()));
        return all;
    }
}
