package org.slaplatform.events.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The whole current state of one account's contract (POL-2), published on every change. The topic
 * is compacted and keyed by account, so the latest record per account is enough for a new consumer
 * (availability, credit, notification) to rebuild contacts, plan, time zone, instances and charges.
 *
 * @param accountId      the account, also the record key
 * @param accountName    the customer's name
 * @param revision       increases by one with every change of this account's contract
 * @param policy         the policy the contract is under, e.g. {@code infotecs}
 * @param policyVersion  the version of that policy in force for new tickets and outages (POL-3)
 * @param plan           the plan named by the contract, e.g. {@code basic}
 * @param timeZone       the customer's IANA time zone
 * @param currency       ISO 4217 code of every amount
 * @param monthlyCharges recurring charges per month (QNT-CRD-1 credits are a share of these)
 * @param oneTimeFees    one-time payments, never part of a credit base (QNT-CRD-1)
 * @param billingCycle   MONTHLY, QUARTERLY or ANNUAL
 * @param startsOn       first day of the agreement; contract years count from it (ITC-TKT-6)
 * @param endsOn         last day of the agreement, absent while open-ended
 * @param instances      the service instances the customer runs
 * @param products       licensed products and versions
 * @param contacts       support, account manager and executive contacts (INF-TKT-7)
 * @param partners       partner organisations allowed to file and follow tickets (INF-TKT-8)
 * @param changedAt      when this revision was written
 * @param licencePrice   the licence price the support fees are a share of (ITC-CRD-8); absent when the
 *                       contract names none, and then left out of the JSON, so a record without it is
 *                       written exactly as before the field existed
 */
public record ContractChanged(String accountId, String accountName, int revision, String policy, int policyVersion,
        String plan, String timeZone, String currency, BigDecimal monthlyCharges, List<Fee> oneTimeFees,
        String billingCycle, LocalDate startsOn, LocalDate endsOn, List<ServiceInstance> instances,
        List<LicensedProduct> products, List<Contact> contacts, List<String> partners, Instant changedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) LicencePrice licencePrice) {

    public ContractChanged {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(changedAt, "changedAt");
        oneTimeFees = oneTimeFees == null ? List.of() : List.copyOf(oneTimeFees);
        instances = instances == null ? List.of() : List.copyOf(instances);
        products = products == null ? List.of() : List.copyOf(products);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    /** A contract without a licence price: the shape every producer wrote before ITC-CRD-8. */
    public ContractChanged(String accountId, String accountName, int revision, String policy, int policyVersion,
            String plan, String timeZone, String currency, BigDecimal monthlyCharges, List<Fee> oneTimeFees,
            String billingCycle, LocalDate startsOn, LocalDate endsOn, List<ServiceInstance> instances,
            List<LicensedProduct> products, List<Contact> contacts, List<String> partners, Instant changedAt) {
        this(accountId, accountName, revision, policy, policyVersion, plan, timeZone, currency, monthlyCharges,
                oneTimeFees, billingCycle, startsOn, endsOn, instances, products, contacts, partners, changedAt, null);
    }

    /** The licence price of the contract (ITC-CRD-8), an exact decimal in an ISO 4217 currency. */
    public record LicencePrice(BigDecimal amount, String currency) {
    }

    /** A one-time payment (setup, professional services): excluded from credits (QNT-CRD-1). */
    public record Fee(String description, BigDecimal amount, LocalDate chargedOn) {
    }

    /**
     * A running instance of a product: what the feedback button attaches (IS-TKT-1).
     *
     * @param platform the platform it runs on, e.g. {@code linux-x86_64} (IS-TKT-5 judges it against the
     *                 product's supported platforms); absent when not recorded, and then left out of the
     *                 JSON, so an instance without it is written exactly as before the field existed
     */
    public record ServiceInstance(String instanceId, String productId, String version, String environment,
            @JsonInclude(JsonInclude.Include.NON_NULL) String platform) {

        /** An instance whose platform is not recorded: the shape every producer wrote before IS-TKT-5's platforms. */
        public ServiceInstance(String instanceId, String productId, String version, String environment) {
            this(instanceId, productId, version, environment, null);
        }
    }

    /** A product the customer licenses, and which of its versions. */
    public record LicensedProduct(String productId, List<String> versions) {
    }

    /** A person to reach: role is SUPPORT, ACCOUNT_MANAGER or EXECUTIVE (INF-TKT-7). */
    public record Contact(String role, String name, String email) {
    }
}
