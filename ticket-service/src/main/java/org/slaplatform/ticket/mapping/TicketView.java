package org.slaplatform.ticket.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.service.EntitlementChecks;

/**
 * A ticket as the API shows it.
 *
 * @param charge what fixing this ticket costs the customer (ITC-LIFE-3), present only while it is flagged
 *               {@code EXTENDED_SUPPORT_CHARGEABLE}
 */
public record TicketView(UUID id, String accountId, String subject, String description, int severity, String state,
        String channel, String category, String priority, String risk, String policy, int policyVersion,
        String productId, String version, String instanceId, String environment, List<String> flags,
        String escalationLevel, String featureAnswer, String featureTimeline, String featureReason, String createdBy,
        Instant createdAt, Instant updatedAt, String platform, Charge charge) {

    /**
     * ITC-LIFE-3: "Other bugs can be fixed only under additional agreements and are subject to payment".
     *
     * @param amount   the price per fix the contract's additional agreement named when the ticket was
     *                 filed; null when no agreement prices it (one must be made before the fix)
     * @param currency the contract's currency, null with the amount
     * @param basis    the rule and the figure's source, in words
     */
    public record Charge(BigDecimal amount, String currency, String basis) {
    }

    public static TicketView of(Ticket t) {
        return new TicketView(t.id, t.accountId, t.subject, t.description, t.severity, t.state.name(), t.channel.name(),
                t.category.name(), t.priority, t.risk, t.policy, t.policyVersion, t.productId, t.version, t.instanceId,
                t.environment, t.flagList(), t.escalationLevel.name(), t.featureAnswer == null ? null : t.featureAnswer.name(),
                t.featureTimeline, t.featureReason, t.createdBy, t.createdAt, t.updatedAt, t.platform, charge(t));
    }

    private static Charge charge(Ticket t) {
        if (!t.flagList().contains(EntitlementChecks.EXTENDED_SUPPORT_CHARGEABLE)) {
            return null;
        }
        String rule = "ITC-LIFE-3: in extended support only vulnerabilities and critical bugs are fixed free; severity "
                + t.severity + " is fixed under an additional agreement";
        if (t.fixPrice == null) {
            return new Charge(null, null, rule + ", and the contract names none: agree a price before the fix");
        }
        AccountRequest.Price price = AccountRequest.Price.atMinorUnit(t.fixPrice, t.fixCurrency);
        return new Charge(price.amount(), price.currency(), rule + " at " + price.amount().toPlainString() + " "
                + price.currency() + " per fix (the contract's price on the day the ticket was filed)");
    }
}
