package org.slaplatform.ticket.mapping;

import org.slaplatform.events.contract.ContractChanged;

/** An account with its current contract, the same snapshot contracts.v1 carries. */
public record AccountView(String id, String name, ContractChanged contract) {
}
