package org.slaplatform.notification.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.time.Instants;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * NTF-1: which targets of a ticket are met, so that its warnings and escalations stop once it is.
 * sla-timer-service fires a warning or an escalation only while the target runs, but it reads
 * tickets.v1 on its own: an escalation it fired just before it learnt of the resolution may arrive
 * here after the resolution did. Such a notice is not sent, and one still pending (waiting for a
 * retry) when the target is met is cancelled. Breach notices are facts and are always sent.
 */
@ApplicationScoped
public class TicketTargets {

    private static final Logger LOG = Logger.getLogger(TicketTargets.class);

    private static final Set<String> WORKAROUND_MET = Set.of("WORKAROUND_PROVIDED", "RESOLVED", "CLOSED");
    private static final Set<String> RESOLUTION_MET = Set.of("RESOLVED", "CLOSED");

    /** The targets a transition meets, by sla-timer-service's rules. */
    static List<String> metBy(TicketStateChanged change) {
        List<String> met = new ArrayList<>();
        if ("NEW".equals(change.fromState())) {
            met.add("FIRST_RESPONSE");
        }
        if (WORKAROUND_MET.contains(change.toState())) {
            met.add("WORKAROUND");
        }
        if (RESOLUTION_MET.contains(change.toState())) {
            met.add("RESOLUTION");
        }
        return met;
    }

    /** Records the targets a transition met and cancels their pending warnings and escalations. In the consumer's transaction. */
    public Uni<Void> apply(TicketStateChanged change) {
        List<String> met = metBy(change);
        Uni<Integer> reopen = !change.reopened() ? Uni.createFrom().item(0)
                : Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from ticket_targets_met where ticket_id = :ticket and target in ('WORKAROUND', 'RESOLUTION')")
                        .setParameter("ticket", change.ticketId()).executeUpdate());
        if (met.isEmpty()) {
            return reopen.replaceWithVoid();
        }
        return reopen.chain(() -> Panache.getSession()).chain(session -> Multi.createFrom().iterable(met)
                        .onItem().transformToUniAndConcatenate(target -> session.createNativeQuery(
                                "insert into ticket_targets_met (ticket_id, target, met_at) values (:ticket, :target, :metAt)"
                                        + " on conflict do nothing")
                                .setParameter("ticket", change.ticketId())
                                .setParameter("target", target)
                                .setParameter("metAt", Instants.utc(change.occurredAt()))
                                .executeUpdate())
                        .collect().asList()
                        .chain(() -> session.createNativeQuery("update deliveries set state = 'CANCELLED',"
                                        + " claim_token = null, claimed_until = null,"
                                        + " last_error = 'the ticket met its ' || (cast(payload as jsonb) ->> 'target') || ' target'"
                                        + " where state = 'PENDING' and event_type in (:types)"
                                        + " and cast(payload as jsonb) ->> 'ticketId' = :ticket"
                                        + " and cast(payload as jsonb) ->> 'target' in (:targets)")
                                .setParameter("types", List.of(EventTypes.SLA_WARNING.type(), EventTypes.SLA_ESCALATED.type()))
                                .setParameter("ticket", change.ticketId().toString())
                                .setParameter("targets", met)
                                .executeUpdate()))
                .invoke(cancelled -> {
                    if (cancelled > 0) {
                        LOG.infof("ticket %s met %s: %d pending warnings and escalations cancelled", change.ticketId(),
                                met, cancelled);
                    }
                })
                .replaceWithVoid();
    }

    /** Whether a warning or an escalation comes after its target was met (and so is sent to no one). */
    public Uni<Boolean> outdated(Object data) {
        if (data instanceof SlaWarning warning) {
            return metBefore(warning.ticketId(), warning.target(), warning.reachedAt());
        }
        if (data instanceof SlaEscalated escalation) {
            return metBefore(escalation.ticketId(), escalation.target(), escalation.escalatedAt());
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Boolean> metBefore(UUID ticket, String target, Instant at) {
        return Panache.getSession().chain(session -> SessionSql.anyCounted(session,
                "select count(*) from ticket_targets_met where ticket_id = $1 and target = $2 and met_at <= $3",
                ticket, target, Instants.utc(at)));
    }
}
