package org.slaplatform.notification.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a webhook's host name points: the one look-up of a subscription's check and of each delivery
 * (the address checked is the address connected to, see {@link WebhookSender}). Blocking. The seam
 * lets tests answer differently from one look-up to the next, as a DNS-rebinding name does.
 */
public interface HostResolver {

    /** The operating system's resolver (the JDK's {@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /** Every address of {@code host}; an IP literal is its own answer. */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
