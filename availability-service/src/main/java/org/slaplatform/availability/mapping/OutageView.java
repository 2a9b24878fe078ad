package org.slaplatform.availability.mapping;

import java.time.Instant;

import org.slaplatform.availability.repository.Outage;

/** An outage as the API shows it, with whether its cause is excluded under the account's policy. */
public record OutageView(String id, String instanceId, String accountId, String cause, Instant startedAt,
        Instant endedAt, boolean excluded, String note, int policyVersion) {

    public static OutageView of(Outage o, boolean excluded) {
        return new OutageView(o.id.toString(), o.instanceId, o.accountId, o.cause.name(), o.startedAt, o.endedAt,
                excluded, o.note, o.policyVersion);
    }
}
