package org.slaplatform.availability.mapping;

import java.time.Instant;
import java.util.List;

/**
 * AVL-1: the compact batch shape: the checks one probe location made at one time, as columns.
 * {@code up[k]} and {@code latencyMs[k]} belong to {@code instanceIds[k]}; {@code latencyMs} is
 * optional and its entries may be null. The same checks as {@code instanceIds.size()} results of
 * the {@code results} shape, in a fifth of the bytes.
 */
public record ProbeGroup(String location, Instant time, List<String> instanceIds, List<Boolean> up, List<Integer> latencyMs) {
}
