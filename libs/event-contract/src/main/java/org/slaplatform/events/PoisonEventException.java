package org.slaplatform.events;

/**
 * A record that can never be processed, whatever the retries: unparseable, of an unknown type, or
 * missing a required CloudEvents attribute. It goes to the dead-letter topic with this message.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
