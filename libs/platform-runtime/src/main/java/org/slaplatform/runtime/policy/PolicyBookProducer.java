package org.slaplatform.runtime.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.slaplatform.policy.PolicyBook;

/**
 * Every service's one {@link PolicyBook}: every version of every policy on the class path and in the
 * operator's policy folder ({@code platform.policies.folder}), loaded and validated once at start
 * (POL-1, POL-3). A service injects it; a test class path adds versions with its own
 * {@code policies/catalog.txt}.
 */
@ApplicationScoped
public class PolicyBookProducer {

    @Produces
    @Singleton
    PolicyBook book() {
        return PolicyBook.shipped();
    }
}
