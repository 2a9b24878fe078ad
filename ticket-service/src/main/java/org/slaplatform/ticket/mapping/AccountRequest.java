package org.slaplatform.ticket.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.BillingCycle;
import org.slaplatform.ticket.domain.EscalationLevel;
import org.slaplatform.ticket.domain.ReleaseVersion;

/**
 * An account and its contract as an admin writes them (POL-2). PUT replaces the whole contract;
 * each write is a new revision published on contracts.v1.
 */
public record AccountRequest(@NotBlank @Size(max = 200) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String name, @NotNull @Valid ContractRequest contract) {

    public static final String ID = "[a-z0-9][a-z0-9-]{1,62}";
    static final String ID_MESSAGE = "must be an id: lower-case letters, digits and '-'";

    /**
     * @param policy        a shipped policy, e.g. infotecs
     * @param policyVersion the version the contract is written under; the one in force on {@code startsOn} when
     *                      absent. A ticket takes the version in force on its filing day when that is newer (POL-3)
     * @param plan          a plan of that policy
     * @param timeZone      IANA zone, e.g. Europe/Moscow
     * @param currency      ISO 4217
     * @param licencePrice  optional: the licence price support fees are a share of (ITC-CRD-8), in the
     *                      contract's currency
     * @param extendedSupportFixPrice optional: what the customer's additional agreement charges per fix of a
     *                      defect that extended support does not fix free (ITC-LIFE-3), in the contract's
     *                      currency; without one such a defect is flagged chargeable with no price
     */
    public record ContractRequest(
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String policy,
            @Positive Integer policyVersion,
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String plan,
            @NotBlank @Size(max = 64) String timeZone,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal monthlyCharges,
            @Size(max = 100) List<@Valid @NotNull Fee> oneTimeFees,
            @NotNull BillingCycle billingCycle,
            @NotNull LocalDate startsOn,
            LocalDate endsOn,
            @Size(max = 500) List<@Valid @NotNull Instance> instances,
            @Size(max = 100) List<@Valid @NotNull LicensedProduct> products,
            @Size(max = 50) List<@Valid @NotNull Contact> contacts,
            @Size(max = 50) List<@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String> partners,
            @Valid Price licencePrice,
            @Valid Price extendedSupportFixPrice) {
    }

    /** A positive amount, at most the currency's minor unit of decimals (checked by the service). */
    public record Price(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {

        /** Stored amounts are validated to at most the currency's minor unit: this scale is exact. */
        public static Price atMinorUnit(java.math.BigDecimal amount, String currency) {
            return new Price(amount.setScale(Math.max(0, java.util.Currency.getInstance(currency)
                    .getDefaultFractionDigits())), currency);
        }
    }

    public record Fee(@NotBlank @Size(max = 200) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String description,
            @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 4) BigDecimal amount, LocalDate chargedOn) {
    }

    public record Instance(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String instanceId,
            @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String productId,
            @NotBlank @Pattern(regexp = ReleaseVersion.PATTERN, message = ReleaseVersion.MESSAGE) String version,
            @NotBlank @Size(max = 64) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String environment,
            @Pattern(regexp = NewTicket.PLATFORM, message = NewTicket.PLATFORM_MESSAGE) String platform) {
    }

    public record LicensedProduct(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String productId,
            @Size(max = 200) List<@NotNull @Pattern(regexp = ReleaseVersion.PATTERN, message = ReleaseVersion.MESSAGE) String> versions) {
    }

    public record Contact(@NotNull EscalationLevel role, @NotBlank @Size(max = 200) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String name,
            @NotBlank @Email @Size(max = 254) String email) {
    }
}
