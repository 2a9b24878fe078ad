package org.slaplatform.ticket.email;

import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.ticket.config.TicketConfig;
import org.slaplatform.ticket.service.EmailIntake;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Reads unseen messages from the support mailbox and hands each to {@link EmailIntake}; a message is
 * marked seen only after its outcome committed, so a crash re-reads it and the Message-ID dedupe
 * keeps it to one ticket. A message that can never be read (not RFC 5322) is marked seen and logged.
 */
@ApplicationScoped
public class ImapMailboxPoller {

    private static final Logger LOG = Logger.getLogger(ImapMailboxPoller.class);

    private final TicketConfig.Imap config;
    private final EmailIntake intake;
    private final Heartbeats heartbeats;
    private volatile Heartbeats.Heartbeat polls;

    ImapMailboxPoller(TicketConfig config, EmailIntake intake, Heartbeats heartbeats) {
        this.config = config.email().imap();
        this.intake = intake;
        this.heartbeats = heartbeats;
    }

    void watch(@Observes StartupEvent startup) {
        if (config.enabled()) {
            // a poll is bounded by the mail client's timeouts (10 s connect, 30 s per read) and its intakes
            polls = heartbeats.scheduledJob("support-mailbox", config.pollInterval(), java.time.Duration.ofMinutes(2))
                    .orElse(null);
        }
    }

    @Scheduled(every = "${ticket.email.imap.poll-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.enabled()) {
            return;
        }
        try {
            pollOnce();
        } catch (MessagingException | RuntimeException e) {
            LOG.warnf("polling the support mailbox failed, retrying at the next poll: %s", e.toString());
        }
        // a poll that ended counts as a turn even when the mailbox did not answer: restarting this service
        // would not bring a mail server back; a poll that never ends (a hung intake) does not count
        if (polls != null) {
            polls.beat();
        }
    }

    /** @return the number of messages handled */
    public int pollOnce() throws MessagingException {
        Properties properties = new Properties();
        String protocol = config.ssl() ? "imaps" : "imap";
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "30000");
        Store store = Session.getInstance(properties).getStore(protocol);
        store.connect(config.host().orElseThrow(() -> new IllegalStateException("ticket.email.imap.host is not set")),
                config.port(), config.user().orElse(null), config.password().orElse(null));
        int handled = 0;
        try {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    int size = message.getSize();
                    if (size > InboundEmail.MAX_MESSAGE_BYTES) {
                        // not downloaded, not parsed, not answered: marked seen so it is not read again
                        LOG.warnf("support mailbox: message %d is %d bytes, over the %d-byte limit, and is skipped",
                                message.getMessageNumber(), size, InboundEmail.MAX_MESSAGE_BYTES);
                        message.setFlag(Flags.Flag.SEEN, true);
                        continue;
                    }
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    try {
                        message.writeTo(raw);
                        // parsed here, on the scheduler's worker thread; only the database work runs on Vert.x
                        InboundEmail mail = InboundEmail.parse(raw.toByteArray());
                        VertxContextSupport.subscribeAndAwait(() -> intake.receive(mail));
                    } catch (ProblemException unreadable) {
                        LOG.warnf("support mailbox: message %d cannot be read and is skipped: %s",
                                message.getMessageNumber(), unreadable.getMessage());
                    } catch (java.io.IOException e) {
                        throw new MessagingException("cannot read message " + message.getMessageNumber(), e);
                    } catch (Throwable e) {
                        throw new MessagingException("intake failed; the message stays unseen", e instanceof Exception ex ? ex : null);
                    }
                    message.setFlag(Flags.Flag.SEEN, true);
                    handled++;
                }
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
        return handled;
    }
}
