package org.slaplatform.runtime.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Input is taken as written (DESIGN-6): {@code "severity": 2.5} or {@code "severity": "2"} is a
 * 400 naming the field, not a silent 2; {@code "subject": 123} is not the text "123", and
 * {@code "endOfLife": 12345} is not the 12,345th day after 1970 (issue 17): dates and instants are
 * read from their ISO text only.
 *
 * <p>Not a bean by itself: a service opts in with {@code @Singleton class StrictJson extends
 * org.slaplatform.runtime.json.StrictJson {}}, so that each service's input rules change with its own tests.
 */
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (Class<?> type : new Class<?>[] { LocalDate.class, LocalDateTime.class, Instant.class, OffsetDateTime.class,
                YearMonth.class, Year.class }) {
            mapper.configOverride(type).setFormat(JsonFormat.Value.forLeniency(false));
        }
    }
}
