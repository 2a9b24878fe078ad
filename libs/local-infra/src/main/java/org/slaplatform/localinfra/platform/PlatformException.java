package org.slaplatform.localinfra.platform;

/** Why the local run cannot go on; {@code ./platform} prints it as {@code platform: MESSAGE} and exits 1. */
public final class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }
}
