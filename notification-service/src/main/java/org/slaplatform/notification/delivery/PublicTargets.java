package org.slaplatform.notification.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhooks from reaching into the platform's own network (server-side request forgery):
 * loopback, RFC 1918 and IPv6 unique-local, link-local (169.254/16 holds cloud metadata), CGNAT
 * (100.64/10), unspecified and multicast addresses are not public. Checked when a subscription is
 * made and again before every send, since a name may resolve elsewhere later.
 */
public final class PublicTargets {

    private PublicTargets() {
    }

    /** Empty when every address of {@code host} is public; else why not. */
    public static Optional<String> refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second <= 127) && first < 240;
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique-local
        }
        return true;
    }
}
