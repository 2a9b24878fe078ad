package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slaplatform.events.availability.MonthlyAvailability;

/**
 * One account's measured month over all its instances: what a credit is decided on, once per account
 * and month (QNT-CRD-1, IS-CRD-4; docs/policies.md, Credit readings). Pure.
 *
 * <p>"This policy applies separately to each account" and "Unavailable ... mean that you cannot access
 * your Quantive Results account and cannot make use of our services": a minute is Unavailable for the
 * account when any of its instances is counted Unavailable in it; a minute excluded on one instance and
 * counted on another counts. The account's uptime is 100 % minus the share of such minutes, to 4
 * decimals rounded down as availability-service rounds an instance's. One instance: its own figures.
 * When an instance's month carries no Unavailable intervals (published before they were sent) the
 * overlap of its minutes with the others' is unknown: the minutes are then summed (capped at the
 * month), the reading that never gives the customer less, and the explanation says so.
 *
 * @param accountId          the account
 * @param month              the measured month, yyyy-MM
 * @param revision           the account month's revision: one more for every instance month version stored
 * @param plan               the plan the months were measured under
 * @param commitment         the plan's commitment as published, null when none
 * @param totalMinutes       minutes in the month
 * @param unavailableMinutes minutes Unavailable for the account
 * @param excludedMinutes    minutes left out by an exclusion on some instance and counted on none
 * @param excludedByCause    those minutes per exclusion kind (each minute once)
 * @param uptimePercent      the account's uptime
 * @param instances          the instance months it is made of, e.g. {@code db-1 v2}
 * @param reading            how the instances were combined, in words
 */
public record AccountMonth(String accountId, String month, int revision, String plan, BigDecimal commitment,
        long totalMinutes, long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause,
        BigDecimal uptimePercent, List<String> instances, String reading) {

    public AccountMonth {
        excludedByCause = excludedByCause == null ? Map.of() : Map.copyOf(excludedByCause);
        instances = List.copyOf(instances);
    }

    /** One instance's month as it was published: the account has no other. */
    public static AccountMonth of(MonthlyAvailability m) {
        return new AccountMonth(m.accountId(), m.month(), m.version(), m.plan(), m.commitment(), m.totalMinutes(),
                m.unavailableMinutes(), m.excludedMinutes(), m.excludedByCause(), m.uptimePercent(),
                List.of(m.instanceId() + " v" + m.version()), "one instance");
    }

    /**
     * The account's month from the latest version of each of its instances' months.
     *
     * @param latest   the latest version of every instance month of the account and month, at least one
     * @param revision the account month's revision
     */
    public static AccountMonth of(List<MonthlyAvailability> latest, int revision) {
        if (latest.isEmpty()) {
            throw new IllegalArgumentException("an account month needs at least one instance month");
        }
        List<MonthlyAvailability> months = latest.stream().sorted(Comparator.comparing(MonthlyAvailability::instanceId))
                .toList();
        MonthlyAvailability first = months.get(0);
        if (months.size() == 1) {
            AccountMonth one = of(first);
            return new AccountMonth(one.accountId, one.month, revision, one.plan, one.commitment, one.totalMinutes,
                    one.unavailableMinutes, one.excludedMinutes, one.excludedByCause, one.uptimePercent, one.instances,
                    one.reading);
        }
        List<String> names = months.stream().map(m -> m.instanceId() + " v" + m.version()).toList();
        // All instances of an account are measured in the account's zone (POL-2): the same minutes.
        long total = months.stream().mapToLong(MonthlyAvailability::totalMinutes).max().orElseThrow();
        boolean intervals = months.stream().allMatch(MonthlyAvailability::intervalsComplete);
        long unavailable;
        long excluded;
        Map<String, Long> byCause = new TreeMap<>();
        String reading;
        if (intervals) {
            Instant start = YearMonth.parse(first.month()).atDay(1).atStartOfDay(ZoneId.of(first.timeZone())).toInstant();
            int n = (int) total;
            BitSet counted = new BitSet(n);
            Map<String, BitSet> excludedBy = new TreeMap<>();
            for (MonthlyAvailability m : months) {
                for (MonthlyAvailability.UnavailableInterval i : m.unavailableIntervals()) {
                    BitSet target = i.excluded()
                            ? excludedBy.computeIfAbsent(i.exclusion() == null ? "excluded" : i.exclusion(), k -> new BitSet(n))
                            : counted;
                    int from = (int) Math.max(0, java.time.Duration.between(start, i.start()).toMinutes());
                    int to = (int) Math.min(n, java.time.Duration.between(start, i.end()).toMinutes());
                    if (to > from) {
                        target.set(from, to);
                    }
                }
            }
            BitSet taken = (BitSet) counted.clone();
            for (Map.Entry<String, BitSet> e : excludedBy.entrySet()) {
                BitSet only = (BitSet) e.getValue().clone();
                only.andNot(taken);
                if (!only.isEmpty()) {
                    byCause.put(e.getKey(), (long) only.cardinality());
                }
                taken.or(only);
            }
            unavailable = counted.cardinality();
            excluded = taken.cardinality() - unavailable;
            reading = "a minute is Unavailable for the account when any of its " + months.size()
                    + " instances is counted Unavailable in it (" + String.join(", ", names) + ")";
        } else {
            unavailable = Math.min(total, months.stream().mapToLong(MonthlyAvailability::unavailableMinutes).sum());
            excluded = Math.min(total - unavailable, months.stream().mapToLong(MonthlyAvailability::excludedMinutes).sum());
            months.forEach(m -> m.excludedByCause().forEach((k, v) -> byCause.merge(k, v, Long::sum)));
            reading = "the Unavailable minutes of the account's " + months.size() + " instances (" + String.join(", ", names)
                    + ") are added up, since "
                    + months.stream().filter(m -> !m.intervalsComplete()).map(MonthlyAvailability::instanceId)
                            .collect(Collectors.joining(", "))
                    + " carries no Unavailable intervals and their overlap is unknown";
        }
        BigDecimal uptime = total == 0 ? BigDecimal.valueOf(100).setScale(4)
                : BigDecimal.valueOf((total - unavailable) * 100L).divide(BigDecimal.valueOf(total), 4, RoundingMode.FLOOR);
        return new AccountMonth(first.accountId(), first.month(), revision, first.plan(), first.commitment(), total,
                unavailable, excluded, byCause, uptime, names, reading);
    }

    /** Whether more than one instance made this month. */
    public boolean combined() {
        return instances.size() > 1;
    }
}
