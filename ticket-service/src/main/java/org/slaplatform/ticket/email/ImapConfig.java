package org.slaplatform.ticket.email;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The support mailbox polled over IMAP (IS-TKT-1). Env: TICKET_EMAIL_IMAP_HOST, ..._USER, ..._PASSWORD. */
@ConfigMapping(prefix = "ticket.email.imap")
public interface ImapConfig {

    /** Poll the mailbox at all; off unless a mailbox is configured. */
    @WithDefault("false")
    boolean enabled();

    Optional<String> host();

    /** 993 for IMAPS. */
    @WithDefault("993")
    int port();

    /** true: IMAP over TLS (imaps); false: plain IMAP, for a local test server only. */
    @WithDefault("true")
    boolean ssl();

    Optional<String> user();

    Optional<String> password();

    @WithDefault("INBOX")
    String folder();

    /** How often the mailbox is read, e.g. 30s. */
    @WithDefault("30s")
    String pollInterval();
}
