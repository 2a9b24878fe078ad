package org.slaplatform.availability.mapping;

import java.util.List;

/**
 * AVL-1: many checks in one request, stored all or nothing: either {@code results}, one object per
 * check, or {@code groups}, the compact shape (one location and time per group, the checks as columns).
 */
public record ProbeBatch(List<ProbeResult> results, List<ProbeGroup> groups) {
}
