package org.slaplatform.ticket.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.TicketLifecycle;

import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * The ticket search's query (Panache, in the caller's session): the filters a search gives, newest
 * first by (createdAt, id), or with the INF-TKT-3 triage order the most urgent first: severity 1 first,
 * then the policy's priority and risk scales, highest first, then the oldest first, then by id.
 */
@ApplicationScoped
public class TicketSearchRepository {

    /** A position in the search's order; the page starts strictly after it. */
    public sealed interface After permits AfterCreated, AfterTriage {
    }

    /** A position in the (createdAt desc, id desc) order. */
    public record AfterCreated(Instant createdAt, UUID id) implements After {
    }

    /** A position in the triage order (INF-TKT-3). */
    public record AfterTriage(short severity, int priorityRank, int riskRank, Instant createdAt, UUID id) implements After {
    }

    /**
     * A checked search: each filter null (or, for {@code states}, empty) when not asked; {@code accounts}
     * null when the caller may see every account; {@code after} null for the first page.
     */
    public record Criteria(List<TicketLifecycle> states, Short severity, Category category, Instant createdFrom,
            Instant createdTo, boolean triage, After after, List<String> accounts) {
    }

    /** INF-TKT-3: the rank of a ticket's priority and risk on its policy's scales, 0 the highest. */
    private final String priorityRank;
    private final String riskRank;

    private final TicketRepository tickets;

    TicketSearchRepository(TicketRepository tickets, IntakeRulesCatalog rules) {
        this.tickets = tickets;
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
        int unrated = rules.unratedRank(scale);
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

    /** The first {@code limit + 1} tickets matching {@code criteria} in its order (one more tells whether a next page exists). */
    public Uni<List<Ticket>> page(Criteria criteria, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (criteria.states() != null && !criteria.states().isEmpty()) {
            where.append(" and state in :states");
            parameters.and("states", criteria.states());
        }
        if (criteria.severity() != null) {
            where.append(" and severity = :severity");
            parameters.and("severity", criteria.severity());
        }
        if (criteria.category() != null) {
            where.append(" and category = :category");
            parameters.and("category", criteria.category());
        }
        if (criteria.createdFrom() != null) {
            where.append(" and createdAt >= :from");
            parameters.and("from", criteria.createdFrom());
        }
        if (criteria.createdTo() != null) {
            where.append(" and createdAt < :to");
            parameters.and("to", criteria.createdTo());
        }
        if (criteria.after() instanceof AfterTriage cursor) {
            String p = "(" + priorityRank + ")";
            String r = "(" + riskRank + ")";
            // strictly after the cursor in (severity, priority rank, risk rank, createdAt, id), all ascending
            where.append(" and (severity > :cs or (severity = :cs and (").append(p).append(" > :cp or (").append(p)
                    .append(" = :cp and (").append(r).append(" > :cr or (").append(r)
                    .append(" = :cr and (createdAt > :cursorAt or (createdAt = :cursorAt and id > :cursorId))))))))");
            parameters.and("cs", cursor.severity()).and("cp", cursor.priorityRank()).and("cr", cursor.riskRank())
                    .and("cursorAt", cursor.createdAt()).and("cursorId", cursor.id());
        } else if (criteria.after() instanceof AfterCreated cursor) {
            where.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", cursor.createdAt()).and("cursorId", cursor.id());
        }
        if (criteria.accounts() != null) {
            where.append(" and accountId in :accounts");
            parameters.and("accounts", criteria.accounts());
        }
        String orderBy = criteria.triage() ? " order by severity, " + priorityRank + ", " + riskRank + ", createdAt, id"
                : " order by createdAt desc, id desc";
        return tickets.find(where + orderBy, parameters).range(0, limit).list();
    }
}
