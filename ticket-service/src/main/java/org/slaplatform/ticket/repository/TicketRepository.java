package org.slaplatform.ticket.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.time.Instants;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /** A new ticket, the first line of its audit trail and its events: what intake writes, all or nothing. */
    public record NewTicketRows(Ticket ticket, TicketHistoryEntry first, List<EventEnvelope<?>> events) {
    }

    /**
     * New tickets, the first line of each one's audit trail and their outbox rows, in one statement
     * (the intake path runs on the reactive SQL client, without a Hibernate session: the session's
     * flush, dirty checking and generated-key round trips cost more CPU than the inserts). Every column
     * is an array with one element per ticket (per event for the outbox), so one statement writes one
     * ticket or a group of them (see {@code GroupCommit}). One statement is atomic on its own: where
     * intake needs no other write (no quota unit) it runs without an explicit transaction, which saves
     * the BEGIN and COMMIT round trips. The outbox rows keep the events' order in their identity
     * column, which is the relay's order (as {@code Outbox.appendAll}).
     */
    private static final String INSERT_NEW = """
            with ticket as (
                insert into tickets (id, account_id, subject, description, severity, state, channel, category, priority,
                    risk, policy, policy_version, plan, time_zone, product_id, version, instance_id, environment, flags,
                    quota_year, escalation_level, created_by, created_at, updated_at, platform, fix_price, fix_currency)
                select id, ac, su, de, se, st, ch, ca, pr, ri, po, pv, pl, tz, pd, ve, ii, en, fl, qy, el, cb, ct, ct, pf,
                    fp::numeric, fc
                from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::text[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::int4[], $13::text[], $14::text[], $15::text[], $16::text[],
                    $17::text[], $18::text[], $19::text[], $20::date[], $21::text[], $22::text[], $23::timestamptz[],
                    $24::text[], $39::text[], $40::text[]) as r(id, ac, su, de, se, st, ch, ca, pr, ri, po, pv, pl, tz,
                    pd, ve, ii, en, fl, qy, el, cb, ct, pf, fp, fc))
            , history as (
                insert into ticket_history (ticket_id, occurred_at, actor, kind, from_value, to_value, note)
                select id, ct, ac, ki, fv, tv, no from unnest($1::uuid[], $23::timestamptz[], $25::text[], $26::text[],
                    $27::text[], $28::text[], $29::text[]) as r(id, ct, ac, ki, fv, tv, no))
            insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload, traceparent)
            select e, tp, k, ty, so, su, ti, p, tr from unnest($30::text[], $31::text[], $32::text[], $33::text[],
                $34::text[], $35::text[], $36::timestamptz[], $37::text[], $38::text[])
                with ordinality as r(e, tp, k, ty, so, su, ti, p, tr, n)
            order by n""";

    private static final String WRITE_QUOTA_YEAR_AND_FLAGS = "update tickets set quota_year = ?1, flags = ?2 where id = ?3";

    private static final String WRITE_FLAGS = "update tickets set flags = ?1 where id = ?2";

    /**
     * ITC-TKT-6 the ticket's quota year and flags, by a native statement in {@code session}'s transaction: after the
     * quota ledger's native statements the session no longer sees a change of these two fields of the managed entity.
     */
    public Uni<Void> writeQuotaYearAndFlags(Mutiny.Session session, Ticket ticket) {
        return session.createNativeQuery(WRITE_QUOTA_YEAR_AND_FLAGS).setParameter(1, ticket.quotaYear)
                .setParameter(2, ticket.flags).setParameter(3, ticket.id).executeUpdate().replaceWithVoid();
    }

    /** The ticket's flags, by a native statement in {@code session}'s transaction (as {@link #writeQuotaYearAndFlags}). */
    public Uni<Void> writeFlags(Mutiny.Session session, Ticket ticket) {
        return session.createNativeQuery(WRITE_FLAGS).setParameter(1, ticket.flags).setParameter(2, ticket.id)
                .executeUpdate().replaceWithVoid();
    }

    /** One new ticket with its audit line and events, on {@code client} (a connection holding a transaction, or the pool). */
    public Uni<Void> insertNew(SqlClient client, Ticket t, TicketHistoryEntry first, List<EventEnvelope<?>> events) {
        return insertAll(client, List.of(new NewTicketRows(t, first, events)));
    }

    /**
     * New tickets in one statement: all of them or, when the statement fails, none (a caller that must
     * not let one ticket's failure fail the others retries them one by one).
     */
    public Uni<Void> insertAll(SqlClient client, List<NewTicketRows> rows) {
        int n = rows.size();
        UUID[] id = new UUID[n];
        String[] account = new String[n], subject = new String[n], description = new String[n], state = new String[n],
                channel = new String[n], category = new String[n], priority = new String[n], risk = new String[n],
                policy = new String[n], plan = new String[n], timeZone = new String[n], product = new String[n],
                version = new String[n], instance = new String[n], environment = new String[n], flags = new String[n],
                escalation = new String[n], createdBy = new String[n], platform = new String[n], actor = new String[n],
                kind = new String[n], from = new String[n], to = new String[n], note = new String[n],
                fixPrice = new String[n], fixCurrency = new String[n];
        Short[] severity = new Short[n];
        Integer[] policyVersion = new Integer[n];
        LocalDate[] quotaYear = new LocalDate[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        List<EventEnvelope<?>> events = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            Ticket t = rows.get(i).ticket();
            TicketHistoryEntry first = rows.get(i).first();
            id[i] = t.id;
            account[i] = t.accountId;
            subject[i] = t.subject;
            description[i] = t.description;
            severity[i] = t.severity;
            state[i] = t.state.name();
            channel[i] = t.channel.name();
            category[i] = t.category.name();
            priority[i] = t.priority;
            risk[i] = t.risk;
            policy[i] = t.policy;
            policyVersion[i] = t.policyVersion;
            plan[i] = t.plan;
            timeZone[i] = t.timeZone;
            product[i] = t.productId;
            version[i] = t.version;
            instance[i] = t.instanceId;
            environment[i] = t.environment;
            flags[i] = t.flags;
            quotaYear[i] = t.quotaYear;
            escalation[i] = t.escalationLevel.name();
            createdBy[i] = t.createdBy;
            created[i] = Instants.utc(t.createdAt);
            platform[i] = t.platform;
            // as text: the client encodes no BigDecimal array; the statement casts it back exactly
            fixPrice[i] = t.fixPrice == null ? null : t.fixPrice.toPlainString();
            fixCurrency[i] = t.fixCurrency;
            actor[i] = first.actor;
            kind[i] = first.kind.name();
            from[i] = first.fromValue;
            to[i] = first.toValue;
            note[i] = first.note;
            events.addAll(rows.get(i).events());
        }
        Object[] outbox = Outbox.columns(events);
        Object[] all = { id, account, subject, description, severity, state, channel, category, priority, risk, policy,
                policyVersion, plan, timeZone, product, version, instance, environment, flags, quotaYear, escalation,
                createdBy, created, platform, actor, kind, from, to, note, outbox[0], outbox[1], outbox[2], outbox[3],
                outbox[4], outbox[5], outbox[6], outbox[7], outbox[8], fixPrice, fixCurrency };
        return client.preparedQuery(INSERT_NEW).execute(Tuple.from(all)).replaceWithVoid();
    }
}
