package org.slaplatform.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.notification.config.NotificationConfig;

/**
 * Webhooks as CloudEvents over HTTP in binary content mode: the event's attributes in {@code ce-*}
 * headers, its data as the JSON body (the same bytes as on Kafka), plus the delivery id, the try
 * number and the HMAC signature with its timestamp. A 2xx answer delivers; anything else, a
 * timeout or a refused connection is a failed try. Non-blocking: a slow endpoint holds no thread.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final NotificationConfig config;
    private final Clock clock;

    WebhookSender(NotificationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.worker().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public CompletableFuture<Outcome> send(ClaimedDelivery delivery) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        URI url = URI.create(delivery.recipient());
        if (!config.allowPrivateWebhookTargets()) {
            Optional<String> refusal = PublicTargets.refusal(url.getHost());
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(Outcome.failed(null, refusal.get(), started, 0));
            }
        }
        if (delivery.secret() == null) {
            return CompletableFuture.completedFuture(Outcome.failed(null, "the subscription was deleted", started, 0));
        }
        if (delivery.secret().startsWith(DeliveryStore.UNREADABLE_SECRET)) {
            return CompletableFuture.completedFuture(Outcome.failed(null,
                    delivery.secret().substring(DeliveryStore.UNREADABLE_SECRET.length()), started, 0));
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.worker().requestTimeout())
                .header("Content-Type", CloudEventCodec.JSON)
                .header("ce-specversion", CloudEventCodec.SPEC_VERSION)
                .header("ce-id", delivery.eventId())
                .header("ce-type", delivery.eventType())
                .header("ce-source", delivery.eventSource())
                .header("ce-time", delivery.eventTime().toString())
                .header(WebhookSignature.DELIVERY_ID_HEADER, delivery.id().toString())
                .header(WebhookSignature.ATTEMPT_HEADER, Integer.toString(delivery.attempt()))
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(delivery.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (delivery.eventSubject() != null) {
            request.header("ce-subject", delivery.eventSubject());
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        String error = cause instanceof HttpTimeoutException ? "timed out after " + millis + " ms"
                                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        return Outcome.failed(null, error, started, millis);
                    }
                    int status = response.statusCode();
                    return status >= 200 && status < 300 ? Outcome.delivered(status, started, millis)
                            : Outcome.failed(status, "answered HTTP " + status, started, millis);
                });
    }
}
