package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.ticket.config.ServiceName;
import org.slaplatform.ticket.domain.ContractTerms;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.mapping.AccountRequest;
import org.slaplatform.ticket.mapping.AccountView;
import org.slaplatform.ticket.repository.Account;
import org.slaplatform.ticket.repository.AccountRepository;
import org.slaplatform.ticket.repository.Contract;
import org.slaplatform.ticket.repository.ContractRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Accounts and their contracts (POL-2): every change is a new revision on contracts.v1. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final ContractRepository contracts;
    private final IntakeRulesCatalog rules;
    private final AccountScope scope;
    private final Outbox outbox;
    private final Clock clock;

    AccountService(AccountRepository accounts, ContractRepository contracts, IntakeRulesCatalog rules, AccountScope scope,
            Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.rules = rules;
        this.scope = scope;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Creates or replaces an account and its contract, and publishes the new revision. */
    public Uni<AccountView> put(String accountId, AccountRequest request) {
        AccountRequest.ContractRequest c = request.contract();
        IntakeRules policy = validate(c);
        ContractTerms terms = terms(c);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return Panache.withTransaction(() -> accounts.findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    Account account = found != null ? found : new Account();
                    if (found == null) {
                        account.id = accountId;
                        account.createdAt = now;
                    }
                    account.name = request.name().strip();
                    account.updatedAt = now;
                    return accounts.persist(account);
                })
                .chain(account -> contracts.findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(found -> {
                            Contract contract = found != null ? found : new Contract();
                            contract.accountId = accountId;
                            contract.revision = found == null ? 1 : found.revision + 1;
                            contract.policy = c.policy();
                            contract.policyVersion = c.policyVersion() == null ? policy.version() : c.policyVersion();
                            contract.plan = c.plan();
                            contract.timeZone = c.timeZone();
                            contract.currency = c.currency();
                            contract.monthlyCharges = c.monthlyCharges();
                            contract.licencePrice = c.licencePrice() == null ? null : c.licencePrice().amount();
                            contract.licenceCurrency = c.licencePrice() == null ? null : c.licencePrice().currency();
                            contract.billingCycle = c.billingCycle();
                            contract.startsOn = c.startsOn();
                            contract.endsOn = c.endsOn();
                            contract.terms = CloudEventCodec.dataJson(terms);
                            contract.updatedAt = now;
                            return contracts.persist(contract);
                        })
                        .chain(contract -> {
                            ContractChanged snapshot = snapshot(account, contract);
                            return outbox.append(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, ServiceName.VALUE,
                                    accountId, now, snapshot)).replaceWith(AccountView.of(account.id, account.name, snapshot, contract, termsOf(contract)));
                        })));
    }

    public Uni<AccountView> get(String accountId, Caller caller) {
        return Panache.withSession(() -> scope.maySee(caller, accountId).chain(may -> {
            if (!may) {
                throw ProblemException.notFound("account " + accountId);
            }
            return accounts.findById(accountId).chain(account -> {
                if (account == null) {
                    throw ProblemException.notFound("account " + accountId);
                }
                return contracts.findById(accountId)
                        .map(contract -> AccountView.of(account.id, account.name, contract == null ? null
                                : snapshot(account, contract), contract, contract == null ? null : termsOf(contract)));
            });
        }));
    }

    public static ContractTerms termsOf(Contract contract) {
        try {
            return CloudEventCodec.mapper().readValue(contract.terms, ContractTerms.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("contract terms of " + contract.accountId + " are unreadable", e);
        }
    }

    static ContractChanged snapshot(Account account, Contract contract) {
        ContractTerms terms = termsOf(contract);
        return new ContractChanged(account.id, account.name, contract.revision, contract.policy, contract.policyVersion,
                contract.plan, contract.timeZone, contract.currency, contract.monthlyCharges, terms.oneTimeFees(),
                contract.billingCycle.name(), contract.startsOn, contract.endsOn, terms.instances(), terms.products(),
                terms.contacts(), terms.partners(), contract.updatedAt, contract.licencePrice == null ? null
                        // Validated to at most the currency's minor unit: this scale is exact.
                        : new ContractChanged.LicencePrice(contract.licencePrice.setScale(Math.max(0,
                                Currency.getInstance(contract.licenceCurrency).getDefaultFractionDigits())),
                                contract.licenceCurrency));
    }

    /** What bean validation cannot see: the policy, plan, zone and currency exist, the dates are in order. */
    private IntakeRules validate(AccountRequest.ContractRequest c) {
        String base = "contract.";
        if (!rules.knows(c.policy())) {
            throw ProblemException.badRequest(base + "policy", "unknown policy; known: " + rules.policies());
        }
        // POL-3: the version the contract names, exactly; else the one in force on its first day
        IntakeRules policy = c.policyVersion() == null ? rules.inForce(c.policy(), c.startsOn())
                : rules.find(c.policy(), c.policyVersion()).orElseThrow(() -> ProblemException.badRequest(
                        base + "policyVersion", "policy " + c.policy() + " has versions " + rules.versionsOf(c.policy())));
        if (policy.plan(c.plan()).isEmpty()) {
            throw ProblemException.badRequest(base + "plan", "not a plan of policy " + c.policy() + "; known: "
                    + new java.util.TreeSet<>(policy.plans().keySet()));
        }
        try {
            ZoneId.of(c.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(base + "timeZone", "not an IANA time zone");
        }
        try {
            Currency.getInstance(c.currency());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(base + "currency", "not an ISO 4217 currency");
        }
        checkPrice(base + "licencePrice", c.licencePrice(), c.currency());
        checkPrice(base + "extendedSupportFixPrice", c.extendedSupportFixPrice(), c.currency());
        if (c.endsOn() != null && c.endsOn().isBefore(c.startsOn())) {
            throw ProblemException.badRequest(base + "endsOn", "must not be before startsOn");
        }
        List<Problem.Violation> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<AccountRequest.Instance> instances = c.instances() == null ? List.of() : c.instances();
        for (int i = 0; i < instances.size(); i++) {
            if (!seen.add(instances.get(i).instanceId())) {
                duplicates.add(new Problem.Violation(base + "instances[" + i + "].instanceId", "appears twice"));
            }
        }
        // IS-LIFE-1, ITC-LIFE-3: versions follow the policy's scheme (x.x.x.x IS, x.x ITC)
        IntakeRules.VersionRules versions = policy.versionSupport();
        if (versions != null) {
            for (int i = 0; i < instances.size(); i++) {
                String refusal = versions.schemeRefusal(instances.get(i).version());
                if (refusal != null) {
                    throw ProblemException.badRequest(base + "instances[" + i + "].version", refusal + " (policy "
                            + c.policy() + ")");
                }
            }
            List<AccountRequest.LicensedProduct> licensed = c.products() == null ? List.of() : c.products();
            for (int i = 0; i < licensed.size(); i++) {
                List<String> listed = licensed.get(i).versions() == null ? List.of() : licensed.get(i).versions();
                for (int j = 0; j < listed.size(); j++) {
                    String refusal = versions.schemeRefusal(listed.get(j));
                    if (refusal != null) {
                        throw ProblemException.badRequest(base + "products[" + i + "].versions[" + j + "]", refusal
                                + " (policy " + c.policy() + ")");
                    }
                }
            }
        }
        if (!duplicates.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-input", "Invalid input", 400, duplicates.get(0).field()
                    + ": appears twice").withViolations(duplicates));
        }
        return policy;
    }

    /** A price in the contract's currency, at most its minor unit of decimals (ITC-CRD-8, ITC-LIFE-3). */
    private static void checkPrice(String field, AccountRequest.Price price, String currency) {
        if (price == null) {
            return;
        }
        if (!price.currency().equals(currency)) {
            throw ProblemException.badRequest(field + ".currency", "must be the contract's currency " + currency
                    + ", was " + price.currency());
        }
        int minor = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        if (price.amount().stripTrailingZeros().scale() > minor) {
            throw ProblemException.badRequest(field + ".amount", "has more than " + minor + " decimal places of "
                    + currency);
        }
    }

    private static ContractTerms terms(AccountRequest.ContractRequest c) {
        return new ContractTerms(
                c.oneTimeFees() == null ? null : c.oneTimeFees().stream()
                        .map(f -> new ContractChanged.Fee(f.description(), f.amount(), f.chargedOn())).toList(),
                c.instances() == null ? null : c.instances().stream()
                        .map(i -> new ContractChanged.ServiceInstance(i.instanceId(), i.productId(), i.version(), i.environment(),
                                i.platform()))
                        .toList(),
                c.products() == null ? null : c.products().stream()
                        .map(p -> new ContractChanged.LicensedProduct(p.productId(), p.versions() == null ? List.of() : p.versions()))
                        .toList(),
                c.contacts() == null ? null : c.contacts().stream()
                        .map(k -> new ContractChanged.Contact(k.role().name(), k.name(), k.email().strip().toLowerCase()))
                        .toList(),
                c.partners(), c.extendedSupportFixPrice() == null ? null : c.extendedSupportFixPrice().amount());
    }
}
