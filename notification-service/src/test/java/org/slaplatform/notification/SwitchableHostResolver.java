package org.slaplatform.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.delivery.HostResolver;

/**
 * The service's resolver in tests: the system's answer, unless a test tells a name to answer something
 * else from now on (as a DNS-rebinding name does between two look-ups). Counts the look-ups per name.
 */
@ApplicationScoped
public class SwitchableHostResolver implements HostResolver {

    private static final Map<String, InetAddress[]> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    /** From now on {@code host} resolves to these addresses (IP literals). */
    static void answer(String host, String... addresses) {
        InetAddress[] answer = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            try {
                answer[i] = InetAddress.getByName(addresses[i]);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(addresses[i] + " is not an IP literal", e);
            }
        }
        ANSWERS.put(host, answer);
    }

    static void forget(String host) {
        ANSWERS.remove(host);
        LOOKUPS.remove(host);
    }

    static int lookups(String host) {
        AtomicInteger n = LOOKUPS.get(host);
        return n == null ? 0 : n.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        LOOKUPS.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        InetAddress[] answer = ANSWERS.get(host);
        return answer != null ? answer.clone() : HostResolver.SYSTEM.resolve(host);
    }
}
