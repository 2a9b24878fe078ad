package org.slaplatform.notification.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;


import org.slaplatform.events.EventTypes;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.delivery.HostResolver;
import org.slaplatform.notification.delivery.PublicTargets;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.NoticeCatalog;
import org.slaplatform.notification.domain.WebhookSignature;
import org.slaplatform.notification.mapping.SubscriptionRequest;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;

/** What a subscription must be before anything is written: every bad field is named at once. */
@ApplicationScoped
public class SubscriptionRules {

    /** A practical subset of RFC 5321: dot-atom local part, a domain of at least two labels. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");
    /** Standard Webhooks: whsec_ + standard base64 (padded) of the key; 24 to 64 bytes of key. */
    private static final Pattern SECRET = Pattern.compile("^whsec_[A-Za-z0-9+/]{32,88}={0,2}$");

    private final NotificationConfig config;
    private final HostResolver resolver;

    SubscriptionRules(NotificationConfig config, HostResolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    public void check(SubscriptionRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request == null) {
            throw ProblemException.badRequest("body", "a subscription is required");
        }
        checkEventType(request.eventType(), violations);
        if (request.channel() == null) {
            violations.add(new Problem.Violation("channel", "must be EMAIL or WEBHOOK"));
        } else if (request.channel() == Channel.EMAIL) {
            if (request.url() != null) {
                violations.add(new Problem.Violation("url", "is for WEBHOOK subscriptions; an EMAIL one takes email"));
            }
            if (request.secret() != null) {
                violations.add(new Problem.Violation("secret", "is for WEBHOOK subscriptions only"));
            }
            checkEmail(request.email(), violations);
        } else {
            if (request.email() != null) {
                violations.add(new Problem.Violation("email", "is for EMAIL subscriptions; a WEBHOOK one takes url"));
            }
            checkUrl(request.url(), violations);
            if (request.secret() != null && !isStandardSecret(request.secret())) {
                violations.add(new Problem.Violation("secret", "must be whsec_ followed by the standard base64 of"
                        + " 24 to 64 random bytes (the Standard Webhooks form), or left out to have one generated"));
            }
        }
        if (!violations.isEmpty()) {
            String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
            throw new ProblemException(Problem.of("invalid-input", "Invalid input", 400, detail).withViolations(violations));
        }
    }

    private static boolean isStandardSecret(String secret) {
        if (!SECRET.matcher(secret).matches() || secret.length() % 4 != 2) {
            return false;
        }
        try {
            int bytes = Base64.getDecoder().decode(secret.substring(WebhookSignature.SECRET_PREFIX.length())).length;
            return bytes >= 24 && bytes <= 64;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static void checkEventType(String eventType, List<Problem.Violation> violations) {
        if (eventType == null || eventType.isBlank()) {
            violations.add(new Problem.Violation("eventType", "must not be blank"));
            return;
        }
        String subscribable = String.join(", ", NoticeCatalog.subscribable());
        if (EventTypes.byType(eventType).isEmpty()) {
            violations.add(new Problem.Violation("eventType", "unknown event type " + eventType
                    + "; subscribable types: " + subscribable));
        } else if (!NoticeCatalog.subscribable().contains(eventType)) {
            violations.add(new Problem.Violation("eventType", eventType
                    + " cannot be subscribed to; subscribable types: " + subscribable));
        }
    }

    private static void checkEmail(String email, List<Problem.Violation> violations) {
        if (email == null || email.isBlank()) {
            violations.add(new Problem.Violation("email", "must not be blank for an EMAIL subscription"));
        } else if (email.length() > 254 || email.indexOf('@') > 64 || !EMAIL.matcher(email).matches()) {
            violations.add(new Problem.Violation("email", "is not a valid email address"));
        }
    }

    private void checkUrl(String url, List<Problem.Violation> violations) {
        if (url == null || url.isBlank()) {
            violations.add(new Problem.Violation("url", "must not be blank for a WEBHOOK subscription"));
            return;
        }
        if (url.length() > 2048) {
            violations.add(new Problem.Violation("url", "must be at most 2048 characters"));
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add(new Problem.Violation("url", "is not a valid URL: " + e.getReason()));
            return;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean httpAllowed = config.allowPlainHttpWebhooks();
        if (!"https".equals(scheme) && !(httpAllowed && "http".equals(scheme))) {
            violations.add(new Problem.Violation("url", httpAllowed ? "must be an absolute http or https URL"
                    : "must be an absolute https URL"));
            return;
        }
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            violations.add(new Problem.Violation("url", "must name a host"));
            return;
        }
        if (uri.getRawUserInfo() != null) {
            violations.add(new Problem.Violation("url", "must not carry credentials; the signature authenticates the platform"));
            return;
        }
        if (uri.getRawFragment() != null) {
            violations.add(new Problem.Violation("url", "must not have a fragment"));
            return;
        }
        if (!config.allowPrivateWebhookTargets()) {
            PublicTargets.check(uri.getHost(), resolver).refusal().ifPresent(reason -> violations.add(new Problem.Violation("url",
                    reason + "; only public addresses may receive webhooks"
                            + " (notification.allow-private-webhook-targets)")));
        }
    }

}
