package org.slaplatform.ticket.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The service's configuration, every key under {@code ticket.}; docs/ticket-service.md lists them with
 * their environment variables.
 */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Email email();

    Intake intake();

    /** The cache of verified bearer tokens ({@code rest.VerifiedTokenCache}). */
    JwtCache jwtCache();

    /** IS-TKT-1 the email channel. */
    interface Email {

        Imap imap();
    }

    /** The support mailbox polled over IMAP (env TICKET_EMAIL_IMAP_HOST, ..._USER, ..._PASSWORD). */
    interface Imap {

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

    interface Intake {

        /** Group commit of concurrent intakes ({@code service.GroupCommit}). */
        GroupCommit groupCommit();
    }

    interface GroupCommit {

        /** Most tickets one statement writes; 1 writes every ticket by a statement of its own. */
        @WithDefault("64")
        int maxBatch();

        /** Statements running at a time; the tickets filed meanwhile wait for the next. */
        @WithDefault("2")
        int maxInFlight();
    }

    interface JwtCache {

        /** Verified tokens remembered at most; 0 turns the cache off. */
        @WithDefault("10000")
        long maxSize();

        /** Longest a verified token is remembered (it is always forgotten at its exp). */
        @WithDefault("5m")
        Duration maxAge();
    }
}
