package org.slaplatform.notification.repository;

import org.slaplatform.notification.domain.Channel;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account asks for the notices of one event type by one channel. */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public String accountId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    /** The email address, or the webhook URL. */
    @Column(nullable = false, updatable = false)
    public String address;

    /**
     * The webhook's signing key in plain text: only when no {@code notification.secret-key}
     * is configured (or for a row not sealed yet); null for email.
     */
    @Column(updatable = false)
    public String secret;

    /** The webhook's signing key sealed with AES-GCM ({@code SecretCipher}); null for email. */
    @Column(name = "secret_sealed", updatable = false)
    public byte[] secretSealed;

    /** The signing key of a subscription just created, for the one answer that shows it; never stored as such. */
    @jakarta.persistence.Transient
    public String shownSecret;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /**
     * When notices began to flow: at creation for webhooks and for an account's contacts, when the
     * address confirmed for any other email address (double opt-in); null until then.
     */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** SHA-256 of the confirmation token mailed to the address; null once confirmed (single use). */
    @Column(name = "confirm_token_hash")
    public byte[] confirmTokenHash;

    /** Until when the confirmation token holds. */
    @Column(name = "confirm_expires_at")
    public Instant confirmExpiresAt;
}
