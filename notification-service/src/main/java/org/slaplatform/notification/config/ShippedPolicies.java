package org.slaplatform.notification.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.slaplatform.policy.PolicyBook;

/**
 * The platform's one {@link PolicyBook}: every version of every policy on the class path, loaded and
 * validated once at start (POL-1, POL-3). A test class path adds versions with its own
 * {@code policies/catalog.txt}.
 */
@ApplicationScoped
public class ShippedPolicies {

    @Produces
    @Singleton
    PolicyBook book() {
        return PolicyBook.shipped();
    }
}
