package org.slaplatform.events.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A licensed product version's end of sales (EOS), end of mainstream support (EOMS) or end of life
 * (EOL) is due to be announced to an account (ITC-LIFE-4: at least six months ahead). Published by
 * notification-service when the notice comes due, once per account, version and milestone date; the
 * account's contacts get it by email and its subscribers by email or webhook. Keyed by account.
 *
 * @param noticeId      the scheduled notice (one per account, product version, milestone and date)
 * @param accountId     the account that licenses the version
 * @param productId     the product
 * @param productName   its name, or the product id when the name is not known
 * @param version       the licensed version
 * @param milestone     EOS, EOMS or EOL
 * @param milestoneName End of Sales, End of Mainstream Support or End of Life
 * @param milestoneDate the date of the milestone
 * @param dueAt         when the notice came due (the milestone date less the notice period)
 */
public record LifecycleMilestone(UUID noticeId, String accountId, String productId, String productName,
        String version, String milestone, String milestoneName, LocalDate milestoneDate, Instant dueAt) {

    public LifecycleMilestone {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(milestone, "milestone");
        Objects.requireNonNull(milestoneDate, "milestoneDate");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
