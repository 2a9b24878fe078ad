package org.slaplatform.ticket.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.TicketLifecycle;
import org.slaplatform.ticket.mapping.TicketPage;
import org.slaplatform.ticket.mapping.TicketView;
import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.repository.TicketHistoryEntry;
import org.slaplatform.ticket.repository.TicketHistoryRepository;
import org.slaplatform.ticket.repository.TicketRepository;
import org.slaplatform.ticket.repository.TicketSearchRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reading tickets, always through the caller's scope: what the caller may not see is a 404, never a hint. */
@ApplicationScoped
public class TicketQueries {

    public static final int MAX_PAGE = 100;

    private final TicketRepository tickets;
    private final TicketSearchRepository search;
    private final TicketHistoryRepository history;
    private final AccountScope scope;
    private final IntakeRulesCatalog rules;

    TicketQueries(TicketRepository tickets, TicketSearchRepository search, TicketHistoryRepository history,
            AccountScope scope, IntakeRulesCatalog rules) {
        this.tickets = tickets;
        this.search = search;
        this.history = history;
        this.scope = scope;
        this.rules = rules;
    }

    /** The orders a search may ask for: {@code created} (default) and INF-TKT-3 {@code triage}. */
    public static final String CREATED = "created";
    public static final String TRIAGE = "triage";

    public Uni<Ticket> find(UUID id, Caller caller) {
        return Panache.withSession(() -> visible(id, caller));
    }

    public Uni<List<TicketHistoryEntry>> history(UUID id, Caller caller) {
        return Panache.withSession(() -> visible(id, caller).chain(ticket -> history.ofTicket(ticket.id)));
    }

    private Uni<Ticket> visible(UUID id, Caller caller) {
        return tickets.findById(id).chain(ticket -> ticket == null
                ? Uni.createFrom().failure(ProblemException.notFound("ticket " + id))
                : scope.maySee(caller, ticket.accountId).map(may -> {
                    if (!may) {
                        throw ProblemException.notFound("ticket " + id);
                    }
                    return ticket;
                }));
    }

    /** The filters of a search, as given; each is checked here so that a bad one is a 400 naming it. */
    public record Filter(String accountId, List<String> states, Integer severity, String category, String createdFrom,
            String createdTo, Integer limit, String cursor, String order) {
    }

    /**
     * Newest first, by (createdAt, id); or with {@code order=triage} (INF-TKT-3) the most urgent first:
     * severity 1 first, then the policy's priority and risk scales, highest first, then the oldest
     * first (it has waited longest), then by id. The cursor is the last item's position in that
     * order, opaque to clients, and only good for the order that issued it.
     */
    public Uni<TicketPage> search(Filter filter, Caller caller) {
        String order = filter.order() == null ? CREATED : filter.order();
        if (!CREATED.equals(order) && !TRIAGE.equals(order)) {
            throw ProblemException.badRequest("order", "must be " + CREATED + " or " + TRIAGE);
        }
        boolean triage = TRIAGE.equals(order);
        List<TicketLifecycle> states = new ArrayList<>();
        if (filter.states() != null) {
            for (String s : filter.states()) {
                states.add(parseEnum(TicketLifecycle.class, "state", s));
            }
        }
        Short severity = severity(filter.severity());
        Category category = filter.category() == null ? null : parseEnum(Category.class, "category", filter.category());
        Instant from = filter.createdFrom() == null ? null : instant("createdFrom", filter.createdFrom());
        Instant to = filter.createdTo() == null ? null : instant("createdTo", filter.createdTo());
        TicketSearchRepository.After after = filter.cursor() == null ? null
                : triage ? TriageCursor.decode(filter.cursor()).position() : Cursor.decode(filter.cursor()).position();
        int limit = filter.limit() == null ? 20 : filter.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        return Panache.withSession(() -> scope.visibleAccounts(caller).chain(visible -> {
            Optional<List<String>> accounts = narrow(visible, filter.accountId());
            if (accounts.isPresent() && accounts.get().isEmpty()) {
                return Uni.createFrom().item(new TicketPage(List.of(), null));
            }
            return search.page(new TicketSearchRepository.Criteria(states, severity, category, from, to, triage, after,
                    accounts.orElse(null)), limit)
                    .map(rows -> {
                        boolean more = rows.size() > limit;
                        List<Ticket> page = more ? rows.subList(0, limit) : rows;
                        String next = null;
                        if (more) {
                            Ticket last = page.get(limit - 1);
                            next = triage ? new TriageCursor(last.severity, rank(last, "priority", last.priority),
                                    rank(last, "risk", last.risk), last.createdAt, last.id).encode()
                                    : new Cursor(last.createdAt, last.id).encode();
                        }
                        return new TicketPage(page.stream().map(TicketView::of).toList(), next);
                    });
        }));
    }

    /** IS-TKT-2: each policy has its own scale; a level no policy has simply finds nothing. */
    private static Short severity(Integer level) {
        if (level == null) {
            return null;
        }
        if (level < 1 || level > Short.MAX_VALUE) {
            throw ProblemException.badRequest("severity", "must be a severity level, 1 (most severe) or more");
        }
        return level.shortValue();
    }

    /** The same rank as the query's CASE expression, for the cursor. */
    private int rank(Ticket ticket, String scale, String value) {
        List<String> values = rules.get(ticket.policy, ticket.policyVersion).triage().getOrDefault(scale, List.of());
        int at = value == null ? -1 : values.indexOf(value);
        return at >= 0 ? at : rules.unratedRank(scale);
    }

    private static Optional<List<String>> narrow(Optional<List<String>> visible, String accountId) {
        if (accountId == null) {
            return visible;
        }
        if (visible.isPresent() && !visible.get().contains(accountId)) {
            return Optional.of(List.of());
        }
        return Optional.of(List.of(accountId));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant, e.g. 2026-11-20T17:30:00Z");
        }
    }

    /** A position in the triage order (INF-TKT-3); "t" marks it so that the other order refuses it. */
    record TriageCursor(short severity, int priorityRank, int riskRank, Instant createdAt, UUID id) {

        TicketSearchRepository.After position() {
            return new TicketSearchRepository.AfterTriage(severity, priorityRank, riskRank, createdAt, id);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("t|" + severity + "|" + priorityRank + "|"
                    + riskRank + "|" + createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static TriageCursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 6 || !"t".equals(parts[0])) {
                    throw new IllegalArgumentException("a triage cursor expected");
                }
                return new TriageCursor(Short.parseShort(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                        Instant.parse(parts[4]), UUID.fromString(parts[5]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ProblemException.badRequest("cursor", "is not a cursor this service issued for order=triage");
            }
        }
    }

    /** A position in the (createdAt desc, id desc) order. */
    record Cursor(Instant createdAt, UUID id) {

        TicketSearchRepository.After position() {
            return new TicketSearchRepository.AfterCreated(createdAt, id);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("two parts expected");
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ProblemException.badRequest("cursor", "is not a cursor this service issued");
            }
        }
    }
}
