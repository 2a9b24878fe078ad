package org.slaplatform.ticket.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.ticket.domain.Contract;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<Contract, String> {

    /** The accounts whose contract names {@code email} (stored lower-case) as a contact (IS-TKT-1 email intake). */
    @SuppressWarnings("unchecked")
    public Uni<List<String>> accountsWithContact(String email) {
        String probe = CloudEventCodec.dataJson(Map.of("contacts", List.of(Map.of("email", email.toLowerCase()))));
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select account_id from contracts where terms @> cast(cast(:probe as text) as jsonb) order by account_id")
                .setParameter("probe", probe).getResultList()).map(rows -> (List<String>) (List<?>) rows);
    }

    /** The accounts whose contract lets {@code partner} file and follow tickets (INF-TKT-8). */
    @SuppressWarnings("unchecked")
    public Uni<List<String>> accountsPartneredBy(String partner) {
        String probe = CloudEventCodec.dataJson(Map.of("partners", List.of(partner)));
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select account_id from contracts where terms @> cast(cast(:probe as text) as jsonb) order by account_id")
                .setParameter("probe", probe).getResultList()).map(rows -> (List<String>) (List<?>) rows);
    }
}
