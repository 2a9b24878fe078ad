package org.slaplatform.ticket.mapping;

import java.util.List;

/** One page of a search; {@code next} is the cursor of the following page, absent on the last. */
public record TicketPage(List<TicketView> items, String next) {
}
