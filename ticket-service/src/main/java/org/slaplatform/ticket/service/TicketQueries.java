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
import org.slaplatform.ticket.domain.Ticket;
import org.slaplatform.ticket.domain.TicketHistoryEntry;
import org.slaplatform.ticket.domain.TicketState;
import org.slaplatform.ticket.mapping.TicketPage;
import org.slaplatform.ticket.mapping.TicketView;
import org.slaplatform.ticket.repository.TicketHistoryRepository;
import org.slaplatform.ticket.repository.TicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Reading tickets, always through the caller's scope: what the caller may not see is a 404, never a hint. */
@ApplicationScoped
public class TicketQueries {

    public static final int MAX_PAGE = 100;

    private final TicketRepository tickets;
    private final TicketHistoryRepository history;
    private final AccountScope scope;

    TicketQueries(TicketRepository tickets, TicketHistoryRepository history, AccountScope scope) {
        this.tickets = tickets;
        this.history = history;
        this.scope = scope;
    }

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
            String createdTo, Integer limit, String cursor) {
    }

    /** Newest first, by (createdAt, id); the cursor is the last item's position, opaque to clients. */
    public Uni<TicketPage> search(Filter filter, Caller caller) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.states() != null && !filter.states().isEmpty()) {
            List<TicketState> states = new ArrayList<>();
            for (String s : filter.states()) {
                states.add(parseEnum(TicketState.class, "state", s));
            }
            where.append(" and state in :states");
            params.put("states", states);
        }
        if (filter.severity() != null) {
            if (filter.severity() < 1 || filter.severity() > 4) {
                throw ProblemException.badRequest("severity", "must be between 1 and 4");
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
        if (filter.cursor() != null) {
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
            return tickets.find(where + " order by createdAt desc, id desc", parameters).range(0, limit).list()
                    .map(rows -> {
                        boolean more = rows.size() > limit;
                        List<Ticket> page = more ? rows.subList(0, limit) : rows;
                        String next = more ? new Cursor(page.get(limit - 1).createdAt, page.get(limit - 1).id).encode() : null;
                        return new TicketPage(page.stream().map(TicketView::of).toList(), next);
                    });
        }));
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
