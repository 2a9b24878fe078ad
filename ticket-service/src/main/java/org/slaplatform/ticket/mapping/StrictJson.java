package org.slaplatform.ticket.mapping;

import jakarta.inject.Singleton;

/** The platform's strict JSON input rules (DESIGN-6, issue 17), in force for this service. */
@Singleton
public class StrictJson extends org.slaplatform.runtime.json.StrictJson {
}
