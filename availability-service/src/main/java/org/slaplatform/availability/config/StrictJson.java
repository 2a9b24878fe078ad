package org.slaplatform.availability.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;


/**
 * The platform's strict JSON input rules (issue 17: the fuzz found {@code "slug": 12345} published
 * as the slug "12345" and {@code "latencyMs": "2"} stored as 2). Input is taken as written
 * (DESIGN-6): a number for a text, a text for a number or a boolean, a number for an instant is a 400
 * naming the field. And a text holding NUL is a 400 naming the field: PostgreSQL stores no NUL in
 * text, so it was a 500 at the insert (a maintenance description, an outage's reason).
 */
@Singleton
public class StrictJson extends org.slaplatform.runtime.json.StrictJson {

    @Override
    public void customize(ObjectMapper mapper) {
        super.customize(mapper);
        mapper.registerModule(new SimpleModule("no-nul-in-text").addDeserializer(String.class, new TextWithoutNul()));
    }

    /** Jackson's own reading of a text, refusing one that holds NUL. */
    static final class TextWithoutNul extends StdScalarDeserializer<String> {

        TextWithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, text, "must not hold NUL");
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
