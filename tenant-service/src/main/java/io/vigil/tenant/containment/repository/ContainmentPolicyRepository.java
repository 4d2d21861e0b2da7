package io.vigil.tenant.containment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.tenant.containment.ContainmentPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ContainmentPolicyRepository implements PanacheRepositoryBase<ContainmentPolicy, UUID> {
}
