package org.slaplatform.notification.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.notification.domain.MailHeaders;
import org.slaplatform.notification.domain.NoticeCatalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/**
 * Writes a notice from its Qute templates ({@code templates/notices/<notice>.html} and {@code .txt})
 * and its kind's subject line. Templates see {@code data} (the event's payload as a map) and
 * {@code event} (id, type, source, subject, time). The subject is made one bounded line
 * ({@link MailHeaders#subject}) whatever the event's text holds.
 */
@ApplicationScoped
public class NoticeRenderer {

    private final Engine engine;
    private final SecretCipher cipher;
    private final Map<String, Template> subjects = new ConcurrentHashMap<>();

    NoticeRenderer(Engine engine, SecretCipher cipher) {
        this.engine = engine;
        this.cipher = cipher;
    }

    public record Rendered(String subject, String html, String text) {
    }

    public Rendered render(ClaimedDelivery delivery) {
        Map<String, Object> data;
        try {
            // amounts keep their scale (125.50, not 125.5): money is shown as the event states it (CRD-6)
            data = CloudEventCodec.mapper().readerFor(new TypeReference<Map<String, Object>>() {
            }).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(delivery.payload());
        } catch (IOException e) {
            throw new IllegalStateException("payload of delivery " + delivery.id() + " is not JSON", e);
        }
        if (NoticeCatalog.CONFIRMATION_TEMPLATE.equals(delivery.notice()) && data.get("tokenSealed") instanceof String sealed) {
            // issue 17: the confirmation token travels sealed in the delivery row and is opened for the mail only
            data = new java.util.HashMap<>(data);
            data.put("token", cipher.open(delivery.subscriptionId(), java.util.Base64.getDecoder().decode(sealed)));
        }
        Map<String, Object> finalData = data;
        Map<String, Object> event = Map.of("id", delivery.eventId(), "type", delivery.eventType(),
                "source", delivery.eventSource(), "subject", String.valueOf(delivery.eventSubject()),
                "time", delivery.eventTime().toString());
        String subjectTemplate = NoticeCatalog.subjectOf(delivery.eventType(), delivery.notice())
                .orElseGet(() -> String.valueOf(finalData.getOrDefault("subject", delivery.notice())));
        Template subject = subjects.computeIfAbsent(subjectTemplate, engine::parse);
        return new Rendered(
                // issue 17: the subject carries free text (a ticket's, a mail's): one line, bounded
                MailHeaders.subject(subject.data("data", data).data("event", event).render()),
                template(delivery.notice(), "html").data("data", data).data("event", event).render(),
                template(delivery.notice(), "txt").data("data", data).data("event", event).render());
    }

    private Template template(String notice, String kind) {
        Template template = engine.getTemplate("notices/" + notice + "." + kind);
        if (template == null) {
            throw new IllegalStateException("no template notices/" + notice + "." + kind);
        }
        return template;
    }
}
