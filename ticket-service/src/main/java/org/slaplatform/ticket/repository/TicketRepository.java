package org.slaplatform.ticket.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.ticket.domain.Ticket;
import org.slaplatform.ticket.domain.TicketHistoryEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /**
     * A new ticket, the first line of its audit trail and its outbox rows, in one statement (the
     * intake path runs on the reactive SQL client, without a Hibernate session: the session's flush,
     * dirty checking and generated-key round trips cost more CPU than the inserts). One statement is
     * atomic on its own: where intake needs no other write (no quota unit) it runs without an explicit
     * transaction, which saves the BEGIN and COMMIT round trips. The outbox rows keep the events'
     * order in their identity column, which is the relay's order (as {@code Outbox.appendAll}).
     */
    private static final String INSERT_NEW = """
            with ticket as (
                insert into tickets (id, account_id, subject, description, severity, state, channel, category, priority,
                    risk, policy, policy_version, plan, time_zone, product_id, version, instance_id, environment, flags,
                    quota_year, escalation_level, created_by, created_at, updated_at, platform)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                    $22, $23, $23, $29)
                returning id)
            , history as (
                insert into ticket_history (ticket_id, occurred_at, actor, kind, from_value, to_value, note)
                select id, $23, $24, $25, $26, $27, $28 from ticket)
            insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload)
            select e, tp, k, ty, so, su, ti, p from ticket, unnest($30::text[], $31::text[], $32::text[], $33::text[],
                $34::text[], $35::text[], $36::timestamptz[], $37::text[]) with ordinality as r(e, tp, k, ty, so, su, ti, p, n)
            order by n""";

    public Uni<Void> insertNew(SqlConnection connection, Ticket t, TicketHistoryEntry first, List<EventEnvelope<?>> events) {
        OffsetDateTime created = OffsetDateTime.ofInstant(t.createdAt, ZoneOffset.UTC);
        Object[] ticket = { t.id, t.accountId, t.subject, t.description, t.severity, t.state.name(), t.channel.name(),
                t.category.name(), t.priority, t.risk, t.policy, t.policyVersion, t.plan, t.timeZone, t.productId,
                t.version, t.instanceId, t.environment, t.flags, t.quotaYear, t.escalationLevel.name(), t.createdBy,
                created, first.actor, first.kind.name(), first.fromValue, first.toValue, first.note, t.platform };
        Object[] outbox = Outbox.columns(events);
        Object[] all = Arrays.copyOf(ticket, ticket.length + outbox.length);
        System.arraycopy(outbox, 0, all, ticket.length, outbox.length);
        Tuple values = Tuple.from(all);
        return connection.preparedQuery(INSERT_NEW).execute(values).replaceWithVoid();
    }
}
