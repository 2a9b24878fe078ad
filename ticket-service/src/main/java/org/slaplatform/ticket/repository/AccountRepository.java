package org.slaplatform.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {
}
