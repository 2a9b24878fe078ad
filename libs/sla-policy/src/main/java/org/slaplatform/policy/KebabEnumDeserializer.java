package org.slaplatform.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Policy files spell enum values in kebab case ({@code waiting-on-customer}, {@code same-clock-time},
 * {@code saturday}); an unknown value is refused with the list of known ones.
 */
final class KebabEnumDeserializer<E extends Enum<E>> extends JsonDeserializer<E> {

    private final Class<E> type;

    KebabEnumDeserializer(Class<E> type) {
        this.type = type;
    }

    static String spell(Enum<?> e) {
        String custom = e.toString();
        return custom.equals(e.name()) ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : custom;
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(type, "expected one of %s, found %s", known(), describe(p.currentToken()));
        }
        String text = p.getText().trim();
        for (E e : type.getEnumConstants()) {
            if (spell(e).equalsIgnoreCase(text) || e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        return ctxt.reportInputMismatch(type, "'%s' is not one of %s", text, known());
    }

    private String known() {
        return Stream.of(type.getEnumConstants()).map(KebabEnumDeserializer::spell)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "a string";
            default -> token.toString();
        };
    }
}
