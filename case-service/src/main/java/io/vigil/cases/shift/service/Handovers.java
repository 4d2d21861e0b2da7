package io.vigil.cases.shift.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.shift.Handover;
import io.vigil.cases.shift.HandoverItem;
import io.vigil.cases.shift.Shift;
import io.vigil.cases.shift.repository.HandoverRepository;
import io.vigil.cases.shift.rest.HandoverRequest;
import io.vigil.cases.shift.rest.HandoverResponse;
import io.vigil.cases.shift.rest.ShiftRequest;
import io.vigil.cases.shift.rest.ShiftResponse;
import io.vigil.cases.shift.rest.TenantHandover;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The shift schedule and the handover at each change: what is open for each client the shift covers (and the
 * reader serves), what is at risk, which regulators are waiting, and the leaving shift's notes, stored so the
 * next shift acknowledges that it took over.
 */
@ApplicationScoped
public class Handovers {

    private final HandoverRepository repo;
    private final CurrentTenant current;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Handovers(HandoverRepository repo, CurrentTenant current, ObjectMapper mapper, Clock clock) {
        this.repo = repo;
        this.current = current;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public ShiftResponse put(String name, ShiftRequest r) {
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw new ProblemException.Unprocessable("unknown time zone '" + r.timeZone() + "'",
                    List.of(new Problem.FieldError("timeZone", "an IANA zone, e.g. Europe/Madrid")));
        }
        if (r.startsAt().equals(r.endsAt())) {
            throw new ProblemException.Unprocessable("a shift must start and end at different times",
                    List.of(new Problem.FieldError("endsAt", "differs from startsAt")));
        }
        if (r.tenantIds() != null) {
            r.tenantIds().forEach(current::requireVisible); // a manager schedules only tenants they serve
        }
        Shift s = repo.shift(name).orElseGet(() -> {
            Shift fresh = new Shift();
            fresh.name = name;
            return fresh;
        });
        s.timeZone = r.timeZone();
        s.days = r.days().stream().distinct().sorted().map(DayOfWeek::name).toArray(String[]::new);
        s.startsAt = r.startsAt();
        s.endsAt = r.endsAt();
        s.members = r.members() == null ? new String[0] : r.members().toArray(String[]::new);
        s.tenantIds = r.tenantIds() == null || r.tenantIds().isEmpty() ? null : r.tenantIds().toArray(UUID[]::new);
        s.updatedAt = clock.instant();
        s.updatedBy = current.get().subject();
        repo.save(s);
        try {
            repo.flush();
        } catch (jakarta.persistence.PersistenceException e) { // a shift of that name covers only tenants the caller does not serve
            throw new ProblemException.Conflict("the shift name '" + name + "' is taken");
        }
        return view(s, clock.instant());
    }

    @Transactional
    public List<ShiftResponse> shifts(Instant at) {
        Instant when = at == null ? clock.instant() : at;
        return repo.shifts().stream().map(s -> view(s, when)).toList();
    }

    /** The live state for the shift, with its last stored handover. */
    @Transactional
    public HandoverResponse live(String shiftName) {
        Shift s = shift(shiftName);
        HandoverResponse previous = repo.handovers(s.name, 1).stream().findFirst().map(h -> stored(h, false)).orElse(null);
        return new HandoverResponse(null, s.name, clock.instant(), null, null, null, null, repo.state(tenantsOf(s)), previous);
    }

    /** The leaving shift hands over: its notes and the state of each client, as it is now. */
    @Transactional
    public HandoverResponse handOver(HandoverRequest r) {
        Shift s = shift(r.shift());
        Handover h = new Handover();
        h.id = UUID.randomUUID();
        h.shift = s.name;
        h.author = current.get().subject();
        h.createdAt = clock.instant();
        h.notes = r.notes();
        repo.save(h);
        for (TenantHandover t : repo.state(tenantsOf(s))) {
            HandoverItem item = new HandoverItem();
            item.key = new HandoverItem.Key(h.id, t.tenantId());
            item.summary = write(t);
            repo.save(item);
        }
        return stored(h, true);
    }

    @Transactional
    public HandoverResponse get(UUID id) {
        return stored(find(id), true);
    }

    @Transactional
    public List<HandoverResponse> list(String shift, int limit) {
        return repo.handovers(shift(shift).name, limit).stream().map(h -> stored(h, false)).toList();
    }

    /** The next shift takes over: once, and not by the one who handed over. */
    @Transactional
    public HandoverResponse acknowledge(UUID id) {
        Handover h = find(id);
        String me = current.get().subject();
        if (h.acknowledgedBy != null) {
            throw new ProblemException.Conflict("already acknowledged by " + h.acknowledgedBy + " at " + h.acknowledgedAt);
        }
        if (h.author.equals(me)) {
            throw new ProblemException.Conflict("the handover is acknowledged by the next shift, not by its author");
        }
        h.acknowledgedBy = me;
        h.acknowledgedAt = clock.instant();
        return stored(h, true);
    }

    /** A handover of a shift the caller may see (its notes speak of that shift's clients); else 404. */
    private Handover find(UUID id) {
        return repo.handover(id).filter(h -> repo.shift(h.shift).isPresent())
                .orElseThrow(() -> new ProblemException.NotFound("no handover " + id));
    }

    private Shift shift(String name) {
        return repo.shift(name).orElseThrow(() -> new ProblemException.NotFound("no shift '" + name + "'"));
    }

    /** The tenants the shift covers that the caller serves, in the {@code app.tenant_ids} form. */
    private String tenantsOf(Shift s) {
        TenantContext caller = current.get();
        if (s.tenantIds == null) {
            return caller.asSetting();
        }
        return String.join(",", Arrays.stream(s.tenantIds).filter(caller::allows).map(UUID::toString).toList());
    }

    private HandoverResponse stored(Handover h, boolean withTenants) {
        List<TenantHandover> tenants = withTenants ? repo.items(h.id).stream().map(i -> read(i.summary))
                .sorted(Comparator.comparing(TenantHandover::tenantId)).toList() : List.of();
        return new HandoverResponse(h.id, h.shift, h.createdAt, h.author, h.notes, h.acknowledgedBy, h.acknowledgedAt,
                tenants, null);
    }

    /** The shift as the caller may see it: of the tenants it covers, only those the caller serves. */
    private ShiftResponse view(Shift s, Instant at) {
        List<UUID> covered = s.tenantIds == null ? List.of()
                : Arrays.stream(s.tenantIds).filter(current.get()::allows).toList();
        return new ShiftResponse(s.name, s.timeZone, Arrays.stream(s.days).map(DayOfWeek::valueOf).toList(), s.startsAt,
                s.endsAt, List.of(s.members), covered, s.onDutyAt(at), s.updatedAt, s.updatedBy);
    }

    private String write(TenantHandover t) {
        try {
            return mapper.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TenantHandover read(String json) {
        try {
            return mapper.readValue(json, TenantHandover.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable handover item", e);
        }
    }
}
