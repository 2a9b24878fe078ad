package org.slaplatform.availability.mapping;

import java.util.List;

/**
 * What a probe (its token's {@code sub}) may report on and where from. {@code accounts}:
 * account ids, or {@code ["*"]} for every account; {@code locations}: the names its results carry.
 */
public record ProbeRegistration(String probe, List<String> accounts, List<String> locations) {
}
