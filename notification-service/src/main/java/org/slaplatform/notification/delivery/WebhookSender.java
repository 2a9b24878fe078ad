package org.slaplatform.notification.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Traceparent;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.domain.WebhookSignature;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Webhooks as CloudEvents over HTTP in binary content mode: the event's attributes in {@code ce-*}
 * headers, its data as the JSON body (the same bytes as on Kafka), plus the Standard Webhooks headers
 * (the delivery id as {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) and the
 * try number. A 2xx answer delivers; anything else, a
 * timeout or a refused connection is a failed try. Non-blocking: a slow endpoint holds no thread.
 *
 * <p>The Vert.x client (the event loops Quarkus already runs), HTTP/1.1 keep-alive, a pool of at most
 * {@code per-endpoint-concurrency} connections per endpoint: the JDK {@code HttpClient} spent several
 * times its CPU per request, on a machine where every stage of the benchmark competes for two cores.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final NotificationConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final HostResolver resolver;

    WebhookSender(NotificationConfig config, Clock clock, Vertx vertx, HostResolver resolver) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.resolver = resolver;
        this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setConnectTimeout((int) config.worker().connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.worker().perEndpointConcurrency())
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Sends one try. Unless private targets are allowed, the host is resolved once for this try on a
     * worker thread (blocking DNS holds neither the dispatcher nor an event loop), every address it
     * resolves to is checked, and the connection goes to the first checked address while the request
     * still names the host (Host header, TLS SNI and certificate check): a name that answers a public
     * address to the check and a private one a moment later (DNS rebinding) is never called there.
     */
    public CompletableFuture<Outcome> send(ClaimedDelivery delivery) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        URI url = URI.create(delivery.recipient());
        if (delivery.secret() == null) {
            return CompletableFuture.completedFuture(Outcome.failed(null, "the subscription was deleted", started, 0));
        }
        if (delivery.secret().startsWith(DeliveryStore.UNREADABLE_SECRET)) {
            return CompletableFuture.completedFuture(Outcome.failed(null,
                    delivery.secret().substring(DeliveryStore.UNREADABLE_SECRET.length()), started, 0));
        }
        if (config.allowPrivateWebhookTargets()) {
            return send(delivery, url, null, started, t0);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        vertx.executeBlocking(() -> PublicTargets.check(url.getHost(), resolver), false).onComplete(checked -> {
            if (checked.failed()) {
                outcome.complete(Outcome.failed(null, "cannot resolve " + url.getHost() + ": " + checked.cause(),
                        started, (System.nanoTime() - t0) / 1_000_000));
            } else if (checked.result().refusal().isPresent()) {
                outcome.complete(Outcome.failed(null, checked.result().refusal().get(), started,
                        (System.nanoTime() - t0) / 1_000_000));
            } else {
                send(delivery, url, checked.result().pinned(), started, t0).whenComplete((sent, failure) -> {
                    if (failure != null) {
                        outcome.completeExceptionally(failure);
                    } else {
                        outcome.complete(sent);
                    }
                });
            }
        });
        return outcome;
    }

    /**
     * The request to {@code url}, connected to {@code pinned} when given: the Vert.x client then opens
     * the connection to that address (its pool keyed by it) and takes the URL's host for the Host
     * header, SNI and host name verification, never resolving the name again. The IP literal, not the
     * {@code InetAddress} (which still carries the name), is what it is given.
     */
    public static RequestOptions request(URI url, InetAddress pinned) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString());
        if (pinned != null) {
            int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            request.setServer(SocketAddress.inetSocketAddress(port, pinned.getHostAddress()));
        }
        return request;
    }

    private CompletableFuture<Outcome> send(ClaimedDelivery delivery, URI url, InetAddress pinned, Instant started,
            long t0) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        // Standard Webhooks: the delivery id receivers deduplicate on is the signed webhook-id
        String webhookId = delivery.id().toString();
        long timeout = config.worker().requestTimeout().toMillis();
        RequestOptions request = request(url, pinned)
                .setFollowRedirects(false)
                .setTimeout(timeout)
                .putHeader("Content-Type", CloudEventCodec.JSON)
                .putHeader("ce-specversion", CloudEventCodec.SPEC_VERSION)
                .putHeader("ce-id", delivery.eventId())
                .putHeader("ce-type", delivery.eventType())
                .putHeader("ce-source", delivery.eventSource())
                .putHeader("ce-time", delivery.eventTime().toString())
                .putHeader(WebhookSignature.ID_HEADER, webhookId)
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(delivery.secret(), webhookId, timestamp, body))
                .putHeader(WebhookSignature.ATTEMPT_HEADER, Integer.toString(delivery.attempt()));
        if (delivery.eventSubject() != null) {
            request.putHeader("ce-subject", delivery.eventSubject());
        }
        // W3C Trace Context: each try is a span of the trace of the event the delivery was planned from
        Traceparent.parse(delivery.traceparent())
                .ifPresent(trace -> request.putHeader(Traceparent.HEADER, trace.child().toString()));
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        client.request(request)
                .compose(call -> call.send(Buffer.buffer(body)))
                // the body is read and dropped, so the connection goes back to the pool
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(answer -> {
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    if (answer.failed()) {
                        Throwable cause = answer.cause();
                        String error = cause instanceof TimeoutException || millis >= timeout
                                ? "timed out after " + millis + " ms"
                                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        outcome.complete(Outcome.failed(null, error, started, millis));
                        return;
                    }
                    int status = answer.result();
                    outcome.complete(status >= 200 && status < 300 ? Outcome.delivered(status, started, millis)
                            : Outcome.failed(status, "answered HTTP " + status, started, millis));
                });
        return outcome;
    }
}
