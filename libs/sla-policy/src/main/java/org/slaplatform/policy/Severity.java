package org.slaplatform.policy;

import java.util.List;

/**
 * A severity or priority level (IS-TKT-2) and the targets it sets.
 *
 * @param id                  stable key used by tickets, e.g. {@code sev1}
 * @param level               1 is the most severe
 * @param name                as the seed names it, e.g. "Urgent – Blocker"
 * @param aroundTheClockWork  CAL-3: effort continues outside business hours until a workaround
 * @param extendedSupportFree ITC-LIFE-3: fixed free of charge during extended support
 */
public record Severity(String id, Integer level, String name, String description, List<String> aliases,
        Boolean aroundTheClockWork, Boolean extendedSupportFree, Targets targets) {

    public Severity {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        aroundTheClockWork = Boolean.TRUE.equals(aroundTheClockWork);
        extendedSupportFree = Boolean.TRUE.equals(extendedSupportFree);
        targets = targets == null ? Targets.NONE : targets;
    }

    public boolean matches(String key) {
        return id.equalsIgnoreCase(key) || (name != null && name.equalsIgnoreCase(key))
                || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(key)) || String.valueOf(level).equals(key);
    }
}
