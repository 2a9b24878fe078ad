package org.slaplatform.availability.domain;

import java.util.Optional;

import org.slaplatform.policy.Exclusion;

/** What caused an explicit outage (AVL-1); all but {@link #OURS} name an exclusion a policy may grant (AVL-3). */
public enum OutageCause {
    OURS(null),
    FORCE_MAJEURE(Exclusion.Kind.FORCE_MAJEURE),
    CUSTOMER_CAUSED(Exclusion.Kind.CUSTOMER_CAUSED),
    THIRD_PARTY_CAUSED(Exclusion.Kind.THIRD_PARTY_CAUSED),
    INTERNET_BEYOND_DEMARCATION(Exclusion.Kind.INTERNET_BEYOND_DEMARCATION),
    SUSPENSION(Exclusion.Kind.SUSPENSION);

    private final Exclusion.Kind exclusion;

    OutageCause(Exclusion.Kind exclusion) {
        this.exclusion = exclusion;
    }

    /** The exclusion kind this cause would fall under; empty for our own outages. */
    public Optional<Exclusion.Kind> exclusion() {
        return Optional.ofNullable(exclusion);
    }
}
