package org.slaplatform.notification.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.notification.domain.Channel;

/**
 * A new subscription. {@code email} for EMAIL, {@code url} for WEBHOOK; a webhook's {@code secret}
 * is generated when not given. Admins name the account; customers may leave it out (their own).
 * The constraints here are those of each field alone; which fields a channel takes, the address's
 * form and the webhook target are {@code SubscriptionRules}'.
 */
public record SubscriptionRequest(
        @Pattern(regexp = ACCOUNT_ID, message = ACCOUNT_ID_MESSAGE) String accountId,
        @NotBlank @Size(max = 200) String eventType,
        @NotNull(message = "must be EMAIL or WEBHOOK") Channel channel,
        @Size(max = 254, message = "is not a valid email address") String email,
        @Size(max = 2048, message = "must be at most 2048 characters") String url,
        @Size(max = 200) String secret) {

    /** An account id, as ticket-service issues them. */
    public static final String ACCOUNT_ID = "[a-z0-9][a-z0-9-]{1,62}";
    static final String ACCOUNT_ID_MESSAGE = "must be an id: lower-case letters, digits and '-'";
}
