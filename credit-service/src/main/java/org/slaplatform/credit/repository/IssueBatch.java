package org.slaplatform.credit.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;

/**
 * One settlement chunk's ledger entries and events, gathered as the columns of
 * {@link SettlementStore#issueChunk}: one array per column, sent as {@code unnest} parameters.
 */
public final class IssueBatch {

    private final List<UUID> decisionIds;
    private final List<UUID> entryIds;
    private final List<UUID> eventEntryIds;
    private final List<String> eventIds;
    private final List<String> topics;
    private final List<String> keys;
    private final List<String> types;
    private final List<String> payloads;

    /** @param size the number of decisions expected; each has one or two events */
    public IssueBatch(int size) {
        decisionIds = new ArrayList<>(size);
        entryIds = new ArrayList<>(size);
        eventEntryIds = new ArrayList<>(size * 2);
        eventIds = new ArrayList<>(size * 2);
        topics = new ArrayList<>(size * 2);
        keys = new ArrayList<>(size * 2);
        types = new ArrayList<>(size * 2);
        payloads = new ArrayList<>(size * 2);
    }

    /** The decision {@code decisionId} becomes the ledger entry {@code entryId}. */
    public void entry(UUID decisionId, UUID entryId) {
        decisionIds.add(decisionId);
        entryIds.add(entryId);
    }

    /** An event published only if the entry {@code entryId} is really added, in the order of these calls. */
    public void event(UUID entryId, EventEnvelope<?> event) {
        eventEntryIds.add(entryId);
        eventIds.add(event.id());
        topics.add(event.type().topic().name());
        keys.add(event.key());
        types.add(event.type().type());
        payloads.add(CloudEventCodec.dataJson(event.data()));
    }

    UUID[] decisionIds() {
        return decisionIds.toArray(UUID[]::new);
    }

    UUID[] entryIds() {
        return entryIds.toArray(UUID[]::new);
    }

    UUID[] eventEntryIds() {
        return eventEntryIds.toArray(UUID[]::new);
    }

    String[] eventIds() {
        return eventIds.toArray(String[]::new);
    }

    String[] topics() {
        return topics.toArray(String[]::new);
    }

    String[] keys() {
        return keys.toArray(String[]::new);
    }

    String[] types() {
        return types.toArray(String[]::new);
    }

    String[] payloads() {
        return payloads.toArray(String[]::new);
    }
}
