package org.slaplatform.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.runtime.inbox.IdempotentConsumer;

import io.smallrye.mutiny.Uni;

/** Keeps the contacts view in step with the compacted contracts.v1 topic (read from its start). */
@ApplicationScoped
public class ContractEventsConsumer {

    public static final String CHANNEL = "contract-events";
    public static final String CONSUMER = "notification.contract-events";

    private final IdempotentConsumer consumer;
    private final ContactDirectory contacts;

    ContractEventsConsumer(IdempotentConsumer consumer, ContactDirectory contacts) {
        this.consumer = consumer;
        this.contacts = contacts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onContract(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, this::apply);
    }

    private Uni<Void> apply(EventEnvelope<?> event) {
        if (event.data() instanceof ContractChanged contract) {
            return contacts.apply(contract).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
