package io.vigil.cases.view.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.support.Sql;
import io.vigil.cases.view.rest.NamedView;
import io.vigil.cases.view.rest.SavedView;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Each analyst's saved views of the queue; nobody sees or uses another's. */
@ApplicationScoped
public class SavedViews {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final CurrentTenant current;

    public SavedViews(EntityManager em, ObjectMapper mapper, CurrentTenant current) {
        this.em = em;
        this.mapper = mapper;
        this.current = current;
    }

    @Transactional
    public NamedView save(String name, SavedView view) {
        String owner = current.get().subject();
        if (view.tenantIds() != null) {
            view.tenantIds().forEach(current::requireVisible); // a view names only tenants its owner serves (else 404)
        }
        Instant now = Instant.now();
        em.createNativeQuery("insert into saved_views (owner, name, filter, updated_at) values (?1, ?2, ?3, ?4)"
                + " on conflict (owner, name) do update set filter = excluded.filter, updated_at = excluded.updated_at")
                .setParameter(1, owner).setParameter(2, name).setParameter(3, write(view))
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        return new NamedView(name, view, now);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<NamedView> mine() {
        List<Object[]> rows = em.createNativeQuery("select name, filter, updated_at from saved_views where owner = ?1"
                + " order by name").setParameter(1, current.get().subject()).getResultList();
        return rows.stream().map(r -> new NamedView((String) r[0], read((String) r[1]), Sql.instant(r[2]))).toList();
    }

    /** The caller's view of this name; 404 when they have none (another analyst's is not theirs to use). */
    @Transactional
    public SavedView get(String name) {
        return mine().stream().filter(v -> v.name().equals(name)).findFirst().map(NamedView::view)
                .orElseThrow(() -> new ProblemException.NotFound("you have no saved view '" + name + "'"));
    }

    @Transactional
    public void delete(String name) {
        int n = em.createNativeQuery("delete from saved_views where owner = ?1 and name = ?2")
                .setParameter(1, current.get().subject()).setParameter(2, name).executeUpdate();
        if (n == 0) {
            throw new ProblemException.NotFound("you have no saved view '" + name + "'");
        }
    }

    private String write(SavedView v) {
        try {
            return mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SavedView read(String json) {
        try {
            return mapper.readValue(json, SavedView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable saved view", e);
        }
    }
}
