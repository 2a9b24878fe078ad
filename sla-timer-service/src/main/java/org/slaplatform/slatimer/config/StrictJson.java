package org.slaplatform.slatimer.config;

import jakarta.inject.Singleton;

/**
 * The platform's strict JSON input rules (DESIGN-6), as every service takes them: a number for a text,
 * a text for a number or a boolean, a number for a date or an instant is a 400 naming the field.
 */
@Singleton
public class StrictJson extends org.slaplatform.runtime.json.StrictJson {
}
