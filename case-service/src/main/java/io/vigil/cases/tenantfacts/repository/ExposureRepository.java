package io.vigil.cases.tenantfacts.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.tenantfacts.TenantMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Each asset's exposure as tenant-service last published it (table asset_exposure, one row per asset). */
@ApplicationScoped
public class ExposureRepository {

    private static final TypeReference<List<TenantMessages.ExposedCve>> CVES = new TypeReference<>() {
    };

    /** An asset's exposure: the CVEs open on it worth a case's attention, known exploited first. */
    public record AssetExposure(UUID assetId, String hostname, String scanner, Instant scannedAt,
            List<TenantMessages.ExposedCve> cves) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public ExposureRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public void replace(UUID tenantId, TenantMessages.ExposureChanged m, Instant at) throws JsonProcessingException {
        em.createNativeQuery("insert into asset_exposure (tenant_id, hostname, fqdn, asset_id, open_findings, exposure,"
                + " scanner, scanned_at, updated_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8, ?9)"
                + " on conflict (tenant_id, hostname) do update set fqdn = excluded.fqdn, asset_id = excluded.asset_id,"
                + " open_findings = excluded.open_findings, exposure = excluded.exposure, scanner = excluded.scanner,"
                + " scanned_at = excluded.scanned_at, updated_at = excluded.updated_at")
                .setParameter(1, tenantId).setParameter(2, m.hostname().toLowerCase(Locale.ROOT))
                .setParameter(3, m.fqdn() == null ? null : m.fqdn().toLowerCase(Locale.ROOT)).setParameter(4, m.assetId())
                .setParameter(5, m.openFindings())
                .setParameter(6, mapper.writeValueAsString(m.exposure() == null ? List.of() : m.exposure()))
                .setParameter(7, m.scanner()).setParameter(8, OffsetDateTime.ofInstant(m.scannedAt(), ZoneOffset.UTC))
                .setParameter(9, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).executeUpdate();
    }

    /** The exposure of the assets these host names stand for (host name, FQDN, or an FQDN's first label). */
    public List<AssetExposure> ofHosts(UUID tenantId, Collection<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String h : hosts) {
            String n = h.toLowerCase(Locale.ROOT);
            names.add(n);
            if (n.indexOf('.') > 0) {
                names.add(n.substring(0, n.indexOf('.')));
            }
        }
        String list = String.join("\u001f", names); // a unit separator: no host name holds one
        List<?> rows = em.createNativeQuery("select asset_id, hostname, scanner, scanned_at, cast(exposure as text)"
                + " from asset_exposure where tenant_id = ?1 and (hostname = any (string_to_array(?2, chr(31)))"
                + " or fqdn = any (string_to_array(?2, chr(31)))) order by hostname")
                .setParameter(1, tenantId).setParameter(2, list).getResultList();
        List<AssetExposure> out = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            try {
                out.add(new AssetExposure((UUID) r[0], (String) r[1], (String) r[2], toInstant(r[3]),
                        mapper.readValue((String) r[4], CVES)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("asset_exposure of " + r[1] + " holds unreadable JSON", e);
            }
        }
        return out;
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(String.valueOf(o));
    }
}
