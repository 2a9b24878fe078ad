package org.slaplatform.ticket.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Ticket;
import org.slaplatform.ticket.domain.TicketHistoryEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /**
     * A new ticket and the first line of its audit trail, in one statement on the intake's own
     * transaction (the intake path runs on the reactive SQL client, without a Hibernate session: the
     * session's flush, dirty checking and generated-key round trips cost more CPU than the inserts).
     */
    private static final String INSERT_NEW = """
            with ticket as (
                insert into tickets (id, account_id, subject, description, severity, state, channel, category, priority,
                    risk, policy, policy_version, plan, time_zone, product_id, version, instance_id, environment, flags,
                    quota_year, escalation_level, created_by, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                    $22, $23, $23)
                returning id)
            insert into ticket_history (ticket_id, occurred_at, actor, kind, from_value, to_value, note)
            select id, $23, $24, $25, $26, $27, $28 from ticket""";

    public Uni<Void> insertNew(SqlConnection connection, Ticket t, TicketHistoryEntry first) {
        OffsetDateTime created = OffsetDateTime.ofInstant(t.createdAt, ZoneOffset.UTC);
        Tuple values = Tuple.from(new Object[] { t.id, t.accountId, t.subject, t.description, t.severity, t.state.name(), t.channel.name(),
                t.category.name(), t.priority, t.risk, t.policy, t.policyVersion, t.plan, t.timeZone, t.productId,
                t.version, t.instanceId, t.environment, t.flags, t.quotaYear, t.escalationLevel.name(), t.createdBy,
                created, first.actor, first.kind.name(), first.fromValue, first.toValue, first.note });
        return connection.preparedQuery(INSERT_NEW).execute(values).replaceWithVoid();
    }
}
