package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.time.Instants;
import org.slaplatform.ticket.mapping.PolicyIndexView;
import org.slaplatform.ticket.mapping.PolicyTermsView;

/**
 * The published terms (POL-1, POL-3, issue 18): every version of every policy in the service's one
 * {@link PolicyBook}, and one version as customers read it. Read-only; "in force" is judged on today's
 * date in UTC, as products judge their releases.
 */
@ApplicationScoped
public class PolicyTerms {

    private final PolicyBook book;
    private final Clock clock;

    PolicyTerms(PolicyBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    public PolicyIndexView index() {
        LocalDate today = today();
        List<PolicyIndexView.Entry> entries = new ArrayList<>();
        for (String name : book.names()) {
            int inForce = book.inForce(name, today).version();
            for (Policy p : book.all(name)) {
                entries.add(new PolicyIndexView.Entry(p.id(), p.version(), p.document().title(),
                        p.document().effectiveFrom(), p.document().source(), p.version() == inForce));
            }
        }
        return new PolicyIndexView(today, entries);
    }

    /** Exactly this version (POL-3); 404 naming the versions there are when the book lacks it. */
    public PolicyTermsView version(String name, int version) {
        if (!book.knows(name)) {
            throw ProblemException.notFound("policy " + name + " (known: " + String.join(", ", book.names()) + ")");
        }
        Policy policy = book.find(name, version).orElseThrow(() -> ProblemException.notFound("version " + version
                + " of policy " + name + " (versions: " + book.all(name).stream().map(p -> String.valueOf(p.version()))
                        .toList() + ")"));
        LocalDate today = today();
        return PolicyTermsView.of(policy, today, book.inForce(name, today).version() == version);
    }

    private LocalDate today() {
        return Instants.utc(clock.instant()).toLocalDate();
    }
}
