package org.slaplatform.notification.domain;

import java.time.Period;
import java.util.Optional;

import org.slaplatform.policy.Entitlements;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.policy.VersionSupport;

/**
 * ITC-LIFE-4: how long before EOS, EOMS and EOL an account is told, as the policy version its contract
 * names says ({@code entitlements.versionSupport.lifecycle.noticeLead}). Pure.
 */
public final class NoticeLead {

    private NoticeLead() {
    }

    /**
     * The lead of exactly this policy version (POL-3); empty where it sets none, or where this service's
     * book does not have the version: the caller's fallback applies.
     */
    public static Optional<Period> of(PolicyBook book, String policy, int version) {
        return book.find(policy, version).flatMap(org.slaplatform.policy.Policy::entitlements).map(Entitlements::versionSupport)
                .map(VersionSupport::lifecycle).map(VersionSupport.Lifecycle::noticeLead);
    }
}
