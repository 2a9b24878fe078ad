package org.slaplatform.credit.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.credit.domain.ClaimJudge;
import org.slaplatform.credit.service.ClaimDesk;
import org.slaplatform.credit.service.MonthDecisions;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.runtime.inbox.IdempotentConsumer;

import io.smallrye.mutiny.Uni;

/** Reads contracts.v1, availability.v1 and credit-claims.v1; each event takes effect once. */
@ApplicationScoped
public class CreditInputsConsumer {

    public static final String CONTRACTS = "contract-events";
    public static final String AVAILABILITY = "availability-events";
    public static final String CLAIMS = "claim-events";

    private final IdempotentConsumer consumer;
    private final MonthDecisions months;
    private final ClaimDesk claims;

    CreditInputsConsumer(IdempotentConsumer consumer, MonthDecisions months, ClaimDesk claims) {
        this.consumer = consumer;
        this.months = months;
        this.claims = claims;
    }

    @Incoming(CONTRACTS)
    public Uni<Void> onContract(Message<byte[]> message) {
        return consumer.consume("credit.contract-events", message, event -> {
            if (event.data() instanceof ContractChanged contract) {
                if (contract.currency() == null || contract.monthlyCharges() == null || contract.timeZone() == null) {
                    throw new PoisonEventException("contract of " + contract.accountId()
                            + " lacks currency, monthlyCharges or timeZone");
                }
                ContractChanged.LicencePrice price = contract.licencePrice();
                if (price != null && (price.amount() == null || price.amount().signum() <= 0 || !isCurrency(price.currency()))) {
                    throw new PoisonEventException("contract of " + contract.accountId()
                            + " has a licence price without a positive amount and an ISO 4217 currency (ITC-CRD-8)");
                }
                return months.applyContract(contract);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static boolean isCurrency(String code) {
        try {
            java.util.Currency.getInstance(code == null ? "" : code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Incoming(AVAILABILITY)
    public Uni<Void> onAvailability(Message<byte[]> message) {
        return consumer.consume("credit.availability-events", message, event -> event.data() instanceof MonthlyAvailability m
                ? months.apply(m) : Uni.createFrom().voidItem());
    }

    @Incoming(CLAIMS)
    public Uni<Void> onClaim(Message<byte[]> message) {
        return consumer.consume("credit.claim-events", message, this::claim);
    }

    private Uni<Void> claim(EventEnvelope<?> event) {
        if (event.data() instanceof CreditClaimFiled filed) {
            // QNT-TKT-10: the ticket's subject and text are the claim; it was received when the ticket was filed.
            return claims.receive(filed.claimId(), new ClaimJudge.ClaimInput(filed.accountId(), filed.subject(),
                    filed.description(), filed.instanceId(), List.of(), filed.filedAt()), "ticket").replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
