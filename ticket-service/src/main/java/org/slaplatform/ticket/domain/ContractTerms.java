package org.slaplatform.ticket.domain;

import java.util.List;

import org.slaplatform.events.contract.ContractChanged;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The nested part of a contract, stored as one JSON document and published as part of
 * {@link ContractChanged}. The shapes are the event's, so the stored and published forms never drift.
 *
 * @param extendedSupportFixPrice ITC-LIFE-3: the price per fix of a defect that extended support does not
 *                                fix free, as the customer's additional agreement names it, in the
 *                                contract's currency; absent when there is no such agreement. Only
 *                                ticket-service charges it, so it is not published on contracts.v1.
 */
public record ContractTerms(List<ContractChanged.Fee> oneTimeFees, List<ContractChanged.ServiceInstance> instances,
        List<ContractChanged.LicensedProduct> products, List<ContractChanged.Contact> contacts, List<String> partners,
        @JsonInclude(JsonInclude.Include.NON_NULL) java.math.BigDecimal extendedSupportFixPrice) {

    public ContractTerms {
        oneTimeFees = oneTimeFees == null ? List.of() : List.copyOf(oneTimeFees);
        instances = instances == null ? List.of() : List.copyOf(instances);
        products = products == null ? List.of() : List.copyOf(products);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    public java.util.Optional<ContractChanged.ServiceInstance> instance(String instanceId) {
        return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
    }

    public java.util.Optional<ContractChanged.Contact> contact(EscalationLevel role) {
        return contacts.stream().filter(c -> role.name().equals(c.role())).findFirst();
    }

    /** IS-TKT-5: the product a ticket that names none is about, when the contract licenses exactly one. */
    public java.util.Optional<String> onlyLicensedProduct() {
        List<String> ids = products.stream().map(ContractChanged.LicensedProduct::productId).distinct().toList();
        return ids.size() == 1 ? java.util.Optional.of(ids.get(0)) : java.util.Optional.empty();
    }

    /** Whether the contract licenses {@code version} of {@code productId}; an empty version list licenses all. */
    public boolean licenses(String productId, String version) {
        return products.stream().anyMatch(p -> p.productId().equals(productId)
                && (p.versions().isEmpty() || version == null || p.versions().contains(version)));
    }
}
