package org.slaplatform.ticket.domain;

/**
 * IS-TKT-5: what InfoStretch's Professional Services are available for ("Training; Migration; System &
 * Performance tuning; Deployment & Capacity Planning; Installation & Upgrade Services"); support does
 * not include "Items covered by Professional Services".
 */
public enum ProfessionalService {
    TRAINING, MIGRATION, PERFORMANCE_TUNING, DEPLOYMENT_PLANNING, INSTALLATION_UPGRADE
}
