package org.slaplatform.availability.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One published version of an instance's month (AVL-7), as published. */
@Entity
@Table(name = "month_results")
@IdClass(MonthResult.Key.class)
public class MonthResult {

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Id
    public String month;

    @Id
    public int version;

    /** The MonthlyAvailability event data with the explanation, as JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Key implements Serializable {
        public String instanceId;
        public String month;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceId, k.instanceId) && Objects.equals(month, k.month)
                    && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, month, version);
        }
    }
}
