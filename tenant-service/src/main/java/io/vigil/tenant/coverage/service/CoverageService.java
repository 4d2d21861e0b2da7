package io.vigil.tenant.coverage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.coverage.Coverage;
import io.vigil.tenant.coverage.CoverageCalendar;
import io.vigil.tenant.coverage.rest.CoverageModels.CalendarDto;
import io.vigil.tenant.coverage.rest.CoverageModels.CalendarResponse;
import io.vigil.tenant.coverage.rest.CoverageModels.WhoCovers;
import io.vigil.tenant.coverage.rest.CoverageModels.WindowDto;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Stores coverage calendars and answers who covers a tenant, or every tenant of the caller, at an instant. */
@ApplicationScoped
public class CoverageService {

    private static final TypeReference<List<WindowDto>> WINDOWS = new TypeReference<>() {
    };
    private static final TypeReference<List<LocalDate>> DATES = new TypeReference<>() {
    };

    private final TenantRepository tenants;
    private final EntityManager em;
    private final CurrentTenant current;
    private final ObjectMapper mapper;
    private final AuditTrail audit;

    public CoverageService(TenantRepository tenants, EntityManager em, CurrentTenant current, ObjectMapper mapper,
            AuditTrail audit) {
        this.audit = audit;
        this.tenants = tenants;
        this.em = em;
        this.current = current;
        this.mapper = mapper;
    }

    @Transactional
    public CalendarResponse put(UUID tenantId, CalendarDto dto) {
        Tenant t = tenant(tenantId);
        for (int i = 0; i < dto.windows().size(); i++) {
            WindowDto w = dto.windows().get(i);
            if (w.start().equals(w.end())) {
                throw new ProblemException.Unprocessable("window " + i + " is empty: start equals end",
                        List.of(new Problem.FieldError("windows[" + i + "].end", "must differ from start")));
            }
        }
        CoverageCalendar c = em.find(CoverageCalendar.class, tenantId);
        if (c == null) {
            c = new CoverageCalendar();
            c.tenantId = tenantId;
        }
        c.windows = write(dto.windows());
        c.holidays = write(dto.holidays().stream().distinct().sorted().toList());
        c.updatedAt = Instant.now();
        em.persist(c);
        CalendarResponse out = response(t, c);
        audit.record(tenantId, "coverage", tenantId, "replaced", dto, out);
        return out;
    }

    @Transactional
    public CalendarResponse get(UUID tenantId) {
        Tenant t = tenant(tenantId);
        return response(t, em.find(CoverageCalendar.class, tenantId));
    }

    @Transactional
    public WhoCovers who(UUID tenantId, Instant at) {
        Tenant t = tenant(tenantId);
        return answer(t, em.find(CoverageCalendar.class, tenantId), at);
    }

    /** Every tenant of the caller with who covers it at {@code at}: the night shift's view. */
    @Transactional
    public List<WhoCovers> all(Instant at) {
        current.get();
        return tenants.listAll().stream()
                .sorted(java.util.Comparator.comparing(t -> t.name))
                .map(t -> answer(t, em.find(CoverageCalendar.class, t.id), at)).toList();
    }

    private WhoCovers answer(Tenant t, CoverageCalendar c, Instant at) {
        Coverage.Answer a = coverage(t, c).at(at);
        return new WhoCovers(t.id, t.name, at, a.local().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), t.timeZone,
                a.covers(), a.reason());
    }

    private Coverage coverage(Tenant t, CoverageCalendar c) {
        List<WindowDto> windows = c == null ? List.of() : read(c.windows, WINDOWS);
        List<LocalDate> holidays = c == null ? List.of() : read(c.holidays, DATES);
        return new Coverage(t.socModel, ZoneId.of(t.timeZone),
                windows.stream().map(w -> new Coverage.Window(w.day(), LocalTime.parse(w.start()), LocalTime.parse(w.end()))).toList(),
                new HashSet<>(holidays));
    }

    private CalendarResponse response(Tenant t, CoverageCalendar c) {
        return new CalendarResponse(t.id, t.timeZone, t.socModel.name(), c == null ? List.of() : read(c.windows, WINDOWS),
                c == null ? List.of() : read(c.holidays, DATES), c == null ? null : c.updatedAt);
    }

    private Tenant tenant(UUID id) {
        if (!current.get().allows(id)) {
            throw new ProblemException.NotFound("no tenant " + id);
        }
        Tenant t = tenants.findById(id);
        if (t == null) {
            throw new ProblemException.NotFound("no tenant " + id);
        }
        return t;
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored coverage is not readable", e);
        }
    }
}
