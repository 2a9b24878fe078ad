package org.slaplatform.notification.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.config.ServiceName;
import org.slaplatform.notification.delivery.SecretCipher;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.ConfirmationToken;
import org.slaplatform.notification.domain.NoticeCatalog;
import org.slaplatform.notification.domain.Recipient;
import org.slaplatform.notification.domain.WebhookSignature;
import org.slaplatform.notification.mapping.ConfirmationRequest;
import org.slaplatform.notification.mapping.SubscriptionRequest;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.DeliveryRepository;
import org.slaplatform.notification.repository.NewDelivery;
import org.slaplatform.notification.repository.Subscription;
import org.slaplatform.notification.repository.SubscriptionRepository;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@ApplicationScoped
public class SubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final SubscriptionRules rules;
    private final Clock clock;
    private final SecretCipher cipher;
    private final int maxPerAccount;
    private final Vertx vertx;
    private final ContactDirectory contacts;
    private final java.time.Duration confirmationTtl;

    SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries, SubscriptionRules rules,
            Clock clock, SecretCipher cipher, NotificationConfig config, Vertx vertx, ContactDirectory contacts) {
        this.vertx = vertx;
        this.contacts = contacts;
        this.confirmationTtl = config.confirmationTtl();
        this.cipher = cipher;
        this.maxPerAccount = config.maxSubscriptionsPerAccount();
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Validates everything first, so a refused request writes nothing. The checks resolve the webhook's
     * host name (blocking DNS), so they run on a worker thread; the rest continues on the caller's
     * context (the event loop that Hibernate Reactive needs).
     */
    public Uni<Subscription> create(SubscriptionRequest request, Caller caller) {
        return vertx.executeBlocking(() -> {
            rules.check(request);
            return request;
        }, false).chain(checked -> store(checked, caller));
    }

    private Uni<Subscription> store(SubscriptionRequest request, Caller caller) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.accountId = caller.accountForWrite(request.accountId());
        s.eventType = request.eventType();
        s.channel = request.channel();
        s.address = request.channel() == Channel.EMAIL ? request.email().trim().toLowerCase(Locale.ROOT)
                : request.url().trim();
        if (request.channel() == Channel.WEBHOOK) {
            s.shownSecret = request.secret() != null ? request.secret() : generatedSecret();
            if (cipher.enabled()) {
                s.secretSealed = cipher.seal(s.id, s.shownSecret);
            } else {
                s.secret = s.shownSecret;
            }
        }
        s.createdBy = caller.name();
        s.createdAt = clock.instant();
        // the per-account lock makes count-then-insert exact: two concurrent creates cannot both pass the cap
        return Panache.withTransaction(() -> subscriptions.lockAccount(s.accountId)
                .chain(() -> subscriptions.countSame(s))
                .chain(existing -> {
                    if (existing > 0) {
                        throw ProblemException.conflict("account " + s.accountId + " already has this subscription");
                    }
                    return subscriptions.countOf(s.accountId);
                })
                .chain(held -> {
                    if (held >= maxPerAccount) {
                        throw overLimit(s.accountId);
                    }
                    return s.channel == Channel.EMAIL ? contacts.isContact(s.accountId, s.address)
                            : Uni.createFrom().item(true);
                })
                .chain(trusted -> {
                    // issue 17, double opt-in: webhooks and the account's contacts receive at once; any other
                    // address first confirms with the token mailed to it, in this transaction
                    if (trusted) {
                        s.confirmedAt = s.createdAt;
                        return subscriptions.persist(s);
                    }
                    String token = ConfirmationToken.generate();
                    s.confirmTokenHash = ConfirmationToken.hash(token);
                    s.confirmExpiresAt = s.createdAt.plus(confirmationTtl);
                    return subscriptions.persistAndFlush(s).chain(() -> mailConfirmation(s, token)).replaceWith(s);
                }))
                .onFailure(SubscriptionService::isUniqueViolation)
                .transform(e -> ProblemException.conflict("account " + s.accountId + " already has this subscription"));
    }

    /**
     * The confirmation mail as a delivery of its own (retried like any notice), keyed by the subscription:
     * one per subscription, however often this runs. The token travels sealed (SecretCipher, the
     * subscription id as associated data) when a key is configured; the subscription keeps its hash only.
     */
    private Uni<Integer> mailConfirmation(Subscription s, String token) {
        io.vertx.core.json.JsonObject payload = new io.vertx.core.json.JsonObject()
                .put("subscriptionId", s.id.toString()).put("accountId", s.accountId).put("eventType", s.eventType)
                .put("email", s.address).put("expiresAt", s.confirmExpiresAt.toString());
        if (cipher.enabled()) {
            payload.put("tokenSealed", Base64.getEncoder().encodeToString(cipher.seal(s.id, token)));
        } else {
            payload.put("token", token);
        }
        String eventId = "subscription-confirmation:" + s.id;
        Recipient recipient = new Recipient(Channel.EMAIL, s.address, s.id);
        return deliveries.insertAll(List.of(new NewDelivery(UUID.randomUUID(), recipient.deliveryKey(eventId),
                s.accountId, s.id, Channel.EMAIL, recipient.address(), recipient.endpoint(),
                NoticeCatalog.CONFIRMATION_TEMPLATE, eventId, NoticeCatalog.CONFIRMATION_TYPE,
                EventEnvelope.source(ServiceName.VALUE).toString(), s.id.toString(), s.createdAt, payload.encode(), null, null)));
    }

    /**
     * Double opt-in: the token mailed to the address confirms its subscription, once. A wrong, expired or
     * missing token is a 400 naming {@code token} and changes nothing; a confirmed one a 409.
     */
    public Uni<Subscription> confirm(UUID id, ConfirmationRequest request, Caller caller) {
        String token = request == null ? null : request.token();
        if (token == null || token.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("token", "must be the token of the confirmation mail"));
        }
        if (token.length() > ConfirmationToken.MAX_LENGTH) {
            return Uni.createFrom().failure(ProblemException.badRequest("token", "is not the token of the confirmation mail"));
        }
        return Panache.withTransaction(() -> subscriptions.findById(id)
                .map(s -> visible(s, id, caller))
                .chain(s -> {
                    if (s.confirmedAt != null) {
                        throw ProblemException.conflict("subscription " + id + " is already confirmed");
                    }
                    if (!ConfirmationToken.matches(token.strip(), s.confirmTokenHash)) {
                        throw ProblemException.badRequest("token", "is not the token of the confirmation mail");
                    }
                    if (!clock.instant().isBefore(s.confirmExpiresAt)) {
                        throw ProblemException.badRequest("token", "expired at " + s.confirmExpiresAt
                                + "; delete the subscription and subscribe again for a new confirmation mail");
                    }
                    s.confirmedAt = clock.instant();
                    s.confirmTokenHash = null; // single use
                    s.confirmExpiresAt = null;
                    return subscriptions.persist(s);
                }));
    }

    private ProblemException overLimit(String account) {
        return new ProblemException(Problem.of("subscription-limit", "Too many subscriptions", 422,
                "account " + account + " already holds the maximum of " + maxPerAccount
                        + " subscriptions (notification.max-subscriptions-per-account); delete one first"));
    }

    public Uni<List<Subscription>> list(String accountId, Caller caller) {
        String account = caller.accountForWrite(accountId);
        return Panache.withSession(() -> subscriptions.ofAccount(account));
    }

    public Uni<Subscription> find(UUID id, Caller caller) {
        return Panache.withSession(() -> subscriptions.findById(id)).map(s -> visible(s, id, caller));
    }

    /** Deletes it; notices not yet sent for it are cancelled in the same transaction. */
    public Uni<Void> delete(UUID id, Caller caller) {
        return Panache.withTransaction(() -> subscriptions.findById(id)
                .map(s -> visible(s, id, caller))
                .chain(s -> deliveries.cancelPending(s.id).chain(() -> subscriptions.delete(s))));
    }

    private static Subscription visible(Subscription s, UUID id, Caller caller) {
        if (s == null || !caller.maySee(s.accountId)) {
            throw ProblemException.notFound("subscription " + id);
        }
        return s;
    }

    private static String generatedSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        // the Standard Webhooks form: whsec_ + standard base64 of the key bytes
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || String.valueOf(t.getMessage()).contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
