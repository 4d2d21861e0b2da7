package io.vigil.reporting.monthly.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.reporting.monthly.MonthlyReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MonthlyReportRepository implements PanacheRepositoryBase<MonthlyReport, MonthlyReport.Key> {

    /** The tenant's reports, newest month first, without their content or PDF. */
    public List<Listed> listed(UUID tenantId) {
        return getEntityManager().createQuery("select new " + Listed.class.getName() + "(r.key.month, r.generatedAt,"
                + " r.generatedBy, r.trigger, r.pdfBytes) from MonthlyReport r where r.key.tenantId = ?1"
                + " order by r.key.month desc", Listed.class).setParameter(1, tenantId).getResultList();
    }

    public record Listed(String month, java.time.Instant generatedAt, String generatedBy, MonthlyReport.Trigger trigger,
            Integer pdfBytes) {
    }
}
