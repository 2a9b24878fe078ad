package org.slaplatform.notification.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;


/**
 * One place a notice goes to. Email addresses are compared without case, so a contact who is also
 * a subscriber gets one mail, not two (NTF-5: never the same notice twice).
 *
 * @param subscriptionId the subscription that asked for it; null for a contact of the contract
 */
public record Recipient(Channel channel, String address, UUID subscriptionId) {

    public Recipient {
        address = channel == Channel.EMAIL ? address.trim().toLowerCase(Locale.ROOT) : address.trim();
    }

    /** sha256(event id, channel:address): unique in the deliveries table. */
    public String deliveryKey(String eventId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(eventId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update((channel + ":" + address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What per-endpoint isolation counts by: a webhook's scheme://host:port; all email shares the SMTP relay. */
    public String endpoint() {
        return channel == Channel.EMAIL ? "smtp" : endpointOf(URI.create(address));
    }

    public static String endpointOf(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
