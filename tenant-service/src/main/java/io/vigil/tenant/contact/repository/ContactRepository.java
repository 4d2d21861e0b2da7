package io.vigil.tenant.contact.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.contact.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    public List<Contact> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by name, id", tenantId).list();
    }
}
