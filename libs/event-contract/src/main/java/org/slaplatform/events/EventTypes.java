package org.slaplatform.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.events.availability.MaintenanceWindowChanged;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.OutageChanged;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.credit.TerminationRightGranted;
import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.events.notification.LifecycleMilestone;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.events.ticket.FeatureRequestAnswered;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketEscalated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;

/** The registry of every event type the platform publishes. */
public final class EventTypes {

    public static final String PREFIX = "org.slaplatform.";

    public static final EventType<TicketCreated> TICKET_CREATED =
            new EventType<>(PREFIX + "ticket.created.v1", Topics.TICKETS, TicketCreated.class);

    public static final EventType<TicketStateChanged> TICKET_STATE_CHANGED =
            new EventType<>(PREFIX + "ticket.state-changed.v1", Topics.TICKETS, TicketStateChanged.class);

    public static final EventType<TicketSeverityChanged> TICKET_SEVERITY_CHANGED =
            new EventType<>(PREFIX + "ticket.severity-changed.v1", Topics.TICKETS, TicketSeverityChanged.class);

    public static final EventType<TicketEscalated> TICKET_ESCALATED =
            new EventType<>(PREFIX + "ticket.escalated.v1", Topics.TICKETS, TicketEscalated.class);

    public static final EventType<FeatureRequestAnswered> FEATURE_REQUEST_ANSWERED =
            new EventType<>(PREFIX + "ticket.feature-request-answered.v1", Topics.TICKETS, FeatureRequestAnswered.class);

    public static final EventType<ContractChanged> CONTRACT_CHANGED =
            new EventType<>(PREFIX + "contract.changed.v1", Topics.CONTRACTS, ContractChanged.class);

    public static final EventType<ProductChanged> PRODUCT_CHANGED =
            new EventType<>(PREFIX + "product.changed.v1", Topics.PRODUCTS, ProductChanged.class);

    public static final EventType<CreditClaimFiled> CREDIT_CLAIM_FILED =
            new EventType<>(PREFIX + "claim.filed.v1", Topics.CREDIT_CLAIMS, CreditClaimFiled.class);

    public static final EventType<EmailReplyRequested> EMAIL_REPLY_REQUESTED =
            new EventType<>(PREFIX + "notification.email-reply-requested.v1", Topics.NOTIFICATION_REQUESTS,
                    EmailReplyRequested.class);

    public static final EventType<OutageChanged> OUTAGE_CHANGED =
            new EventType<>(PREFIX + "availability.outage-changed.v1", Topics.AVAILABILITY, OutageChanged.class);

    public static final EventType<MonthlyAvailability> MONTH_CLOSED =
            new EventType<>(PREFIX + "availability.month-closed.v1", Topics.AVAILABILITY, MonthlyAvailability.class);

    public static final EventType<MaintenanceAnnounced> MAINTENANCE_ANNOUNCED =
            new EventType<>(PREFIX + "availability.maintenance-announced.v1", Topics.MAINTENANCE,
                    MaintenanceAnnounced.class);

    /** IS-AVL-4: an account's recurring maintenance window moves, with the policy's notice. */
    public static final EventType<MaintenanceWindowChanged> MAINTENANCE_WINDOW_CHANGED =
            new EventType<>(PREFIX + "availability.maintenance-window-changed.v1", Topics.MAINTENANCE,
                    MaintenanceWindowChanged.class);

    public static final EventType<SlaWarning> SLA_WARNING =
            new EventType<>(PREFIX + "sla.warning.v1", Topics.SLA_BREACHES, SlaWarning.class);

    public static final EventType<SlaBreached> SLA_BREACHED =
            new EventType<>(PREFIX + "sla.breached.v1", Topics.SLA_BREACHES, SlaBreached.class);

    public static final EventType<SlaEscalated> SLA_ESCALATED =
            new EventType<>(PREFIX + "sla.escalated.v1", Topics.SLA_BREACHES, SlaEscalated.class);

    public static final EventType<DeliveryFailed> NOTIFICATION_DELIVERY_FAILED =
            new EventType<>(PREFIX + "notification.delivery-failed.v1", Topics.NOTIFICATIONS, DeliveryFailed.class);

    public static final EventType<CreditClaimDecided> CREDIT_CLAIM_DECIDED =
            new EventType<>(PREFIX + "credit.claim-decided.v1", Topics.CREDITS, CreditClaimDecided.class);

    public static final EventType<CreditIssued> CREDIT_ISSUED =
            new EventType<>(PREFIX + "credit.issued.v1", Topics.CREDITS, CreditIssued.class);

    public static final EventType<CreditAdjusted> CREDIT_ADJUSTED =
            new EventType<>(PREFIX + "credit.adjusted.v1", Topics.CREDITS, CreditAdjusted.class);

    public static final EventType<TerminationRightGranted> TERMINATION_RIGHT_GRANTED =
            new EventType<>(PREFIX + "credit.termination-right.v1", Topics.CREDITS, TerminationRightGranted.class);

    /** ITC-LIFE-4: a lifecycle milestone of a licensed version came due to be announced (added after the others). */
    public static final EventType<LifecycleMilestone> NOTIFICATION_LIFECYCLE_MILESTONE =
            new EventType<>(PREFIX + "notification.lifecycle-milestone.v1", Topics.NOTIFICATIONS,
                    LifecycleMilestone.class);

    private static final List<EventType<?>> ALL = List.of(TICKET_CREATED, TICKET_STATE_CHANGED,
            TICKET_SEVERITY_CHANGED, TICKET_ESCALATED, FEATURE_REQUEST_ANSWERED, CONTRACT_CHANGED, PRODUCT_CHANGED,
            CREDIT_CLAIM_FILED, EMAIL_REPLY_REQUESTED, OUTAGE_CHANGED, MONTH_CLOSED, MAINTENANCE_ANNOUNCED,
            SLA_WARNING, SLA_BREACHED, SLA_ESCALATED, NOTIFICATION_DELIVERY_FAILED,
            CREDIT_CLAIM_DECIDED, CREDIT_ISSUED, CREDIT_ADJUSTED, TERMINATION_RIGHT_GRANTED,
            NOTIFICATION_LIFECYCLE_MILESTONE, MAINTENANCE_WINDOW_CHANGED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
