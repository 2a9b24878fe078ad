package org.slaplatform.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.contract.ContractChanged.ServiceInstance;

/** Contract revisions as ticket-service publishes them on contracts.v1: fixtures for the services that consume them. */
public final class ContractEvents {

    /** When revision 0 of every fixture contract changed; revision n changed n seconds later. */
    private static final Instant REVISION_ZERO = Instant.parse("2025-01-01T00:00:00Z");

    private ContractEvents() {
    }

    /**
     * Revision {@code revision} of {@code account}'s monthly-billed USD contract under policy quantive
     * version 1, starting 2025-01-01 with no end, fees, products, contacts or partners; a higher revision
     * changed later, so that revisions sort the same by number and by time.
     *
     * @param plan           the plan, which tells revisions apart in what the consumer stored
     * @param timeZone       the contract's IANA time zone
     * @param monthlyCharges the monthly charges, e.g. {@code "1000.00"}
     * @param instances      the contract's running instances
     */
    public static EventEnvelope<ContractChanged> revision(String account, int revision, String plan, String timeZone,
            String monthlyCharges, List<ServiceInstance> instances) {
        ContractChanged contract = new ContractChanged(account, account + " Inc", revision, "quantive", 1, plan,
                timeZone, "USD", new BigDecimal(monthlyCharges), List.of(), "MONTHLY", LocalDate.parse("2025-01-01"),
                null, instances, List.of(), List.of(), List.of(), REVISION_ZERO.plusSeconds(revision));
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account, contract.changedAt(), contract);
    }
}
