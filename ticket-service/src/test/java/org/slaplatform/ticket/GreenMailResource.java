package org.slaplatform.ticket;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP + IMAP server (GreenMail) holding the support mailbox the service polls. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static final String MAILBOX = "support@vendor.example";
    static final String PASSWORD = "mailbox-secret";
    static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });
        greenMail.start();
        greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
        return Map.of(
                "ticket.email.imap.enabled", "true",
                "ticket.email.imap.host", "127.0.0.1",
                "ticket.email.imap.port", String.valueOf(greenMail.getImap().getPort()),
                "ticket.email.imap.ssl", "false",
                "ticket.email.imap.user", MAILBOX,
                "ticket.email.imap.password", PASSWORD,
                "ticket.email.imap.poll-interval", "1s");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
