package org.slaplatform.events;

import java.util.Objects;

/**
 * One versioned CloudEvent type: its {@code ce_type}, the topic it travels on and the record that
 * holds its data. The version is part of the type name ({@code ...v1}); a new shape is a new type.
 */
public record EventType<T>(String type, Topics.Topic topic, Class<T> dataClass) {

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataClass, "dataClass");
    }
}
