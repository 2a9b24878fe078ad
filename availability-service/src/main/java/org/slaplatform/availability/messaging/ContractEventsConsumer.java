package org.slaplatform.availability.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.availability.service.InstanceRegistry;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.runtime.inbox.IdempotentConsumer;

import io.smallrye.mutiny.Uni;

/** Reads contracts.v1 into the instance registry; each event applied once, poison to the dead-letter topic. */
@ApplicationScoped
public class ContractEventsConsumer {

    public static final String CHANNEL = "contract-events";
    static final String CONSUMER = "availability.contract-events";

    private final IdempotentConsumer consumer;
    private final InstanceRegistry registry;

    ContractEventsConsumer(IdempotentConsumer consumer, InstanceRegistry registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onContractEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, this::apply);
    }

    private Uni<Void> apply(EventEnvelope<?> event) {
        if (event.data() instanceof ContractChanged contract) {
            return registry.apply(contract);
        }
        return Uni.createFrom().voidItem();
    }
}
