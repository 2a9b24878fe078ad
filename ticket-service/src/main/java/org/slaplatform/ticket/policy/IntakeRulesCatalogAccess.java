package org.slaplatform.ticket.policy;

/** Reads one policy's intake rules outside CDI (for checks against the sla-policy files). */
public final class IntakeRulesCatalogAccess {

    private IntakeRulesCatalogAccess() {
    }

    public static IntakeRules load(String policy) {
        return IntakeRulesCatalog.load(policy);
    }
}
