package org.slaplatform.availability.service;

import java.util.ArrayList;
import java.util.List;

import org.slaplatform.availability.mapping.IsoInstant;
import org.slaplatform.availability.mapping.ProbeGroup;
import org.slaplatform.availability.mapping.ProbeResult;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;

/**
 * AVL-1: the compact batch shape turned into the results it stands for, after checking that its
 * columns line up. What each result then must be (times, instances, limits) is {@link ProbeIngest}'s
 * check, with the 4xx naming the group's field ({@code groups[0].instanceIds[7]}).
 */
public final class ProbeGroups {

    /** The results of the groups, in order, how a 4xx names each one's fields, and the batch's fingerprint. */
    public record Flattened(List<ProbeResult> results, ResultPaths paths, List<ProbeGroup> groups) {

        /**
         * The idempotency fingerprint of the groups as sent: each group's location and time once, then
         * its columns, a quarter of the bytes the same checks take one by one. "g" keeps it apart from
         * the results shape's, so one key reused across the shapes is a 409.
         */
        public String hash() {
            StringBuilder text = new StringBuilder(results.size() * 24);
            text.append("g\n");
            for (ProbeGroup group : groups) {
                text.append(group.location()).append('\u0000').append(IsoInstant.format(group.time())).append('\n');
                List<Integer> latency = group.latencyMs();
                for (int k = 0; k < group.instanceIds().size(); k++) {
                    text.append(group.instanceIds().get(k)).append('\u0000').append(group.up().get(k)).append('\u0000')
                            .append(latency == null ? null : latency.get(k)).append('\n');
                }
                text.append('\u0001');
            }
            return ProbeIngest.sha256(text);
        }
    }

    private ProbeGroups() {
    }

    public static Flattened flatten(List<ProbeGroup> groups, int maxBatch) {
        if (groups == null || groups.isEmpty()) {
            throw ProblemException.badRequest("groups", "must hold at least one group");
        }
        if (groups.size() > maxBatch) { // issue 17: every list bounded, before any per-group work
            throw ProbeIngest.tooLarge("groups", groups.size(), maxBatch);
        }
        List<Problem.Violation> violations = new ArrayList<>();
        long total = 0;
        for (int g = 0; g < groups.size(); g++) {
            ProbeGroup group = groups.get(g);
            String at = "groups[" + g + "]";
            if (group == null) {
                violations.add(new Problem.Violation(at, "must be a group"));
                continue;
            }
            if (group.instanceIds() == null || group.instanceIds().isEmpty()) {
                violations.add(new Problem.Violation(at + ".instanceIds", "must hold at least one instance"));
                continue;
            }
            int n = group.instanceIds().size();
            total += n;
            if (group.up() == null || group.up().size() != n) {
                violations.add(new Problem.Violation(at + ".up", "must hold one entry per instanceIds entry (" + n + ")"));
            }
            if (group.latencyMs() != null && group.latencyMs().size() != n) {
                violations.add(new Problem.Violation(at + ".latencyMs", "must hold one entry per instanceIds entry (" + n
                        + ") or be left out"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-input", "Invalid input", 400,
                    violations.get(0).field() + ": " + violations.get(0).message())
                    .withViolations(violations.size() > 50 ? violations.subList(0, 50) : violations));
        }
        if (total > maxBatch) {
            throw ProbeIngest.tooLarge("groups", total, maxBatch);
        }
        int size = (int) total;
        List<ProbeResult> results = new ArrayList<>(size);
        int[] groupOf = new int[size];
        int[] indexOf = new int[size];
        for (int g = 0; g < groups.size(); g++) {
            ProbeGroup group = groups.get(g);
            List<String> ids = group.instanceIds();
            List<Boolean> up = group.up();
            List<Integer> latency = group.latencyMs();
            for (int k = 0; k < ids.size(); k++) {
                groupOf[results.size()] = g;
                indexOf[results.size()] = k;
                results.add(new ProbeResult(ids.get(k), group.location(), group.time(), up.get(k),
                        latency == null ? null : latency.get(k)));
            }
        }
        return new Flattened(results, ResultPaths.groups(groupOf, indexOf), groups);
    }
}
