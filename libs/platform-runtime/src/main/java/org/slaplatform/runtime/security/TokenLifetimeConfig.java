package org.slaplatform.runtime.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The longest a bearer token may be valid ({@code exp - iat}), per role: a token minted for longer
 * is refused however it was signed, so that a leaked or over-generous token cannot act for years.
 * A token carrying several roles is held to the shortest of theirs.
 */
@ConfigMapping(prefix = "platform.security.max-token-lifetime")
public interface TokenLifetimeConfig {

    /** People of a customer account. */
    @WithDefault("24h")
    Duration customer();

    /** Partners acting for a customer account. */
    @WithDefault("24h")
    Duration partner();

    /** Support staff. */
    @WithDefault("12h")
    Duration agent();

    /** Operators: the most powerful token, the shortest life. */
    @WithDefault("12h")
    Duration admin();

    /** Monitoring probes, machines that renew their token weekly. */
    @WithDefault("7d")
    Duration probe();
}
