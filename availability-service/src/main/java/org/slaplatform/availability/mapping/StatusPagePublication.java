package org.slaplatform.availability.mapping;

import java.time.Instant;

/**
 * QNT-AVL-6: an account's published status page. In a request only {@code slug} is read
 * (optional: without it an unguessable one is chosen).
 */
public record StatusPagePublication(String accountId, String slug, String path, Instant publishedAt) {
}
