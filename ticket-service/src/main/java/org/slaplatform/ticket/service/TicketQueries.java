package org.slaplatform.ticket.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.TicketLifecycle;
import org.slaplatform.ticket.mapping.TicketPage;
import org.slaplatform.ticket.mapping.TicketView;
import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.repository.TicketHistoryEntry;
import org.slaplatform.ticket.repository.TicketHistoryRepository;
import org.slaplatform.ticket.repository.TicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Reading tickets, always through the caller's scope: what the caller may not see is a 404, never a hint. */
@ApplicationScoped
public class TicketQueries {

    public static final int MAX_PAGE = 100;

    /** INF-TKT-3: the rank of a ticket's priority and risk on its policy's scales, 0 the highest. */
    private final String priorityRank;
    private final String riskRank;

    private final TicketRepository tickets;
    private final TicketHistoryRepository history;
    private final AccountScope scope;
    private final IntakeRulesCatalog rules;

    TicketQueries(TicketRepository tickets, TicketHistoryRepository history, AccountScope scope, IntakeRulesCatalog rules) {
        this.tickets = tickets;
        this.history = history;
        this.scope = scope;
        this.rules = rules;
        this.priorityRank = rank(rules, "priority");
        this.riskRank = rank(rules, "risk");
    }

    /**
     * INF-TKT-3: a CASE expression giving each ticket the position of its {@code scale} value on the
     * scale of the policy it was filed under (POL-3); the policies list each scale highest first. A
     * ticket without a value (not a defect, or not rated) ranks after every rated one. The literals
     * come from the validated policy files, never from a request.
     */
    private static String rank(IntakeRulesCatalog rules, String scale) {
        StringBuilder expression = new StringBuilder("case");
        int unrated = unrated(rules, scale);
        for (IntakeRules version : rules.all()) {
            String policy = version.policy();
            List<String> values = version.triage().getOrDefault(scale, List.of());
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (!policy.matches("[a-z0-9-]+") || !value.matches("[A-Z0-9_]+")) {
                    throw new IllegalStateException("policy " + policy + " has a " + scale + " value unfit for a query: " + value);
                }
                // POL-3: the scale of the version the ticket was filed under
                expression.append(" when policy = '").append(policy).append("' and policyVersion = ")
                        .append(version.version().intValue()).append(" and ").append(scale).append(" = '")
                        .append(value).append("' then ").append(i);
            }
        }
        return unrated == 0 ? "0" : expression.append(" else ").append(unrated).append(" end").toString();
    }

    /** The rank of an unrated ticket: after the last value of the longest scale of that name. */
    private static int unrated(IntakeRulesCatalog rules, String scale) {
        return rules.all().stream().mapToInt(r -> r.triage().getOrDefault(scale, List.of()).size()).max().orElse(0);
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
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.states() != null && !filter.states().isEmpty()) {
            List<TicketLifecycle> states = new ArrayList<>();
            for (String s : filter.states()) {
                states.add(parseEnum(TicketLifecycle.class, "state", s));
            }
            where.append(" and state in :states");
            params.put("states", states);
        }
        if (filter.severity() != null) {
            // IS-TKT-2: each policy has its own scale; a level no policy has simply finds nothing
            if (filter.severity() < 1 || filter.severity() > Short.MAX_VALUE) {
                throw ProblemException.badRequest("severity", "must be a severity level, 1 (most severe) or more");
            }
            where.append(" and severity = :severity");
            params.put("severity", filter.severity().shortValue());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            params.put("category", parseEnum(Category.class, "category", filter.category()));
        }
        if (filter.createdFrom() != null) {
            where.append(" and createdAt >= :from");
            params.put("from", instant("createdFrom", filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.append(" and createdAt < :to");
            params.put("to", instant("createdTo", filter.createdTo()));
        }
        if (filter.cursor() != null && triage) {
            TriageCursor cursor = TriageCursor.decode(filter.cursor());
            String p = "(" + priorityRank + ")";
            String r = "(" + riskRank + ")";
            // strictly after the cursor in (severity, priority rank, risk rank, createdAt, id), all ascending
            where.append(" and (severity > :cs or (severity = :cs and (").append(p).append(" > :cp or (").append(p)
                    .append(" = :cp and (").append(r).append(" > :cr or (").append(r)
                    .append(" = :cr and (createdAt > :cursorAt or (createdAt = :cursorAt and id > :cursorId))))))))");
            params.put("cs", cursor.severity());
            params.put("cp", cursor.priorityRank());
            params.put("cr", cursor.riskRank());
            params.put("cursorAt", cursor.createdAt());
            params.put("cursorId", cursor.id());
        } else if (filter.cursor() != null) {
            Cursor cursor = Cursor.decode(filter.cursor());
            where.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            params.put("cursorAt", cursor.createdAt());
            params.put("cursorId", cursor.id());
        }
        int limit = filter.limit() == null ? 20 : filter.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        return Panache.withSession(() -> scope.visibleAccounts(caller).chain(visible -> {
            Optional<List<String>> accounts = narrow(visible, filter.accountId());
            if (accounts.isPresent() && accounts.get().isEmpty()) {
                return Uni.createFrom().item(new TicketPage(List.of(), null));
            }
            accounts.ifPresent(list -> {
                where.append(" and accountId in :accounts");
                params.put("accounts", list);
            });
            Parameters parameters = new Parameters();
            params.forEach(parameters::and);
            String orderBy = triage ? " order by severity, " + priorityRank + ", " + riskRank + ", createdAt, id"
                    : " order by createdAt desc, id desc";
            return tickets.find(where + orderBy, parameters).range(0, limit).list()
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

    /** The same rank as the query's CASE expression, for the cursor. */
    private int rank(Ticket ticket, String scale, String value) {
        List<String> values = rules.get(ticket.policy, ticket.policyVersion).triage().getOrDefault(scale, List.of());
        int at = value == null ? -1 : values.indexOf(value);
        return at >= 0 ? at : unrated(rules, scale);
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
