package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.slaplatform.availability.domain.Actor;

/**
 * Who decided, when and why, for each decision that changes which minutes count (an
 * excluding outage cause, a maintenance window ended early). Written in the decision's own
 * transaction, never edited.
 */
@Entity
@Table(name = "audit_lines")
public class AuditLine {

    /** What was decided. */
    public enum Action { OUTAGE_CAUSE_SET, MAINTENANCE_ENDED_EARLY, EMERGENCY_MAINTENANCE_JUSTIFIED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    /** The token's {@code sub}. */
    @Column(nullable = false)
    public String actor;

    @Column(name = "actor_role", nullable = false)
    public String actorRole;

    @Column(nullable = false)
    public String action;

    /** The outage or maintenance. */
    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "instance_id")
    public String instanceId;

    /** What changed, e.g. {@code cause OURS -> FORCE_MAJEURE}. */
    @Column(nullable = false)
    public String detail;

    @Column(nullable = false)
    public String reason;

    public static AuditLine of(Action action, Actor actor, Instant at, String subjectId, String accountId, String instanceId,
            String detail, String reason) {
        AuditLine line = new AuditLine();
        line.id = UUID.randomUUID();
        line.at = at;
        line.actor = actor.subject();
        line.actorRole = actor.role();
        line.action = action.name();
        line.subjectId = subjectId;
        line.accountId = accountId;
        line.instanceId = instanceId;
        line.detail = detail;
        line.reason = reason;
        return line;
    }
}
