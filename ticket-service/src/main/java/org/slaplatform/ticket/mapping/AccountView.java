package org.slaplatform.ticket.mapping;

import java.math.BigDecimal;

import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.ticket.domain.ContractTerms;
import org.slaplatform.ticket.repository.Contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An account with its current contract, the same snapshot contracts.v1 carries, and what only
 * ticket-service keeps of it.
 *
 * @param extendedSupportFixPrice ITC-LIFE-3: the additional agreement's price per chargeable fix in
 *                                extended support, absent when the contract names none
 */
public record AccountView(String id, String name, ContractChanged contract,
        @JsonInclude(JsonInclude.Include.NON_NULL) AccountRequest.Price extendedSupportFixPrice) {

    public static AccountView of(String id, String name, ContractChanged snapshot, Contract contract,
            ContractTerms terms) {
        BigDecimal price = contract == null ? null : terms.extendedSupportFixPrice();
        return new AccountView(id, name, snapshot, price == null ? null
                : AccountRequest.Price.atMinorUnit(price, contract.currency));
    }
}
