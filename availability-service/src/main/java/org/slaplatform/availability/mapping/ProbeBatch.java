package org.slaplatform.availability.mapping;

import java.util.List;

/** AVL-1: many checks in one request, stored all or nothing. */
public record ProbeBatch(List<ProbeResult> results) {
}
