package org.slaplatform.availability.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** AVL-7: an input that lands in a closed month makes that month due for a correction. */
final class LateInputs {

    private LateInputs() {
    }

    /** The months of {@code zone} that {@code [from, to)} touches. */
    static Set<String> months(Instant from, Instant to, String zone) {
        Set<String> months = new LinkedHashSet<>();
        YearMonth m = YearMonth.from(from.atZone(ZoneId.of(zone)));
        YearMonth last = YearMonth.from((to.isAfter(from) ? to.minusNanos(1) : from).atZone(ZoneId.of(zone)));
        for (; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return months;
    }

    /** Runs in the caller's transaction. */
    static Uni<Void> markDirty(Collection<String> instanceIds, Collection<String> months) {
        if (instanceIds.isEmpty() || months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s
                .createNativeQuery("update month_closes set dirty = true where instance_id in (:ids) and month in (:months)")
                .setParameter("ids", instanceIds).setParameter("months", months).executeUpdate()).replaceWithVoid();
    }
}
