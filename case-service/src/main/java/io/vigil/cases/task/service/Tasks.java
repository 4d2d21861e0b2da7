package io.vigil.cases.task.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.task.CaseTask;
import io.vigil.cases.task.TaskTemplate;
import io.vigil.cases.task.repository.TaskRepository;
import io.vigil.cases.task.repository.TemplateRepository;
import io.vigil.cases.task.rest.TaskRequest;
import io.vigil.cases.task.rest.TaskResponse;
import io.vigil.cases.task.rest.TaskUpdate;
import io.vigil.cases.task.rest.TemplateRequest;
import io.vigil.cases.task.rest.TemplateResponse;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.cases.triage.service.StaffDirectory;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A case's checklist: the tasks of every template that matches it (its rule, one of its ATT&amp;CK techniques,
 * one of its labels), added once per template when the case opens or an alert brings a new technique, and the
 * tasks analysts add by hand. Every change is on the case's audit trail and timeline.
 */
@ApplicationScoped
public class Tasks {

    private static final TypeReference<List<TemplateRequest.Item>> ITEMS = new TypeReference<>() {
    };

    private final TaskRepository tasks;
    private final TemplateRepository templates;
    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final StaffDirectory directory;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Tasks(TaskRepository tasks, TemplateRepository templates, CaseRepository cases, CurrentTenant current,
            AuditChain audit, StaffDirectory directory, ObjectMapper mapper, Clock clock) {
        this.tasks = tasks;
        this.templates = templates;
        this.cases = cases;
        this.current = current;
        this.audit = audit;
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Adds the tasks of the templates that now match the case and were not applied yet (the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyTemplates(Case c, String actor) {
        List<TaskTemplate> fitting = templates.forTenant(c.tenantId).stream().filter(t -> matches(t, c)).toList();
        if (fitting.isEmpty()) {
            return; // the common case on the intake path: one query, nothing more
        }
        Set<String> applied = tasks.templatesOf(c.id);
        int position = tasks.nextPosition(c.id);
        Instant now = clock.instant();
        for (TaskTemplate t : fitting) {
            if (applied.contains(t.name)) {
                continue;
            }
            List<TemplateRequest.Item> items = read(t.tasks);
            for (TemplateRequest.Item item : items) {
                tasks.persist(task(c, position++, item.title(), item.description(), t.name, null, actor, now));
            }
            audit.append(c.tenantId, actor, c.id, "case.tasks-added", null, Map.of("template", t.name, "tasks",
                    items.stream().map(TemplateRequest.Item::title).toList()));
        }
    }

    /** Adds a playbook's task to the case, once per title and source (the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseTask addFromPlaybook(Case c, String title, String source, String actor, Instant now) {
        for (CaseTask t : tasks.ofCase(c.id)) {
            if (title.equals(t.title) && source.equals(t.template)) {
                return t;
            }
        }
        CaseTask t = task(c, tasks.nextPosition(c.id), title, null, source, null, actor, now);
        tasks.persist(t);
        audit.append(c.tenantId, actor, c.id, "case.task-added", null, TaskResponse.of(t));
        return t;
    }

    static boolean matches(TaskTemplate t, Case c) {
        if (t.ruleId != null && t.ruleId.equals(c.ruleId)) {
            return true;
        }
        if (t.technique != null && Arrays.stream(c.techniques).anyMatch(x -> x.equals(t.technique)
                || x.startsWith(t.technique + "."))) {
            return true;
        }
        return t.label != null && Arrays.asList(c.labels).contains(t.label);
    }

    @Transactional
    public List<TaskResponse> list(UUID caseId) {
        return tasks.ofCase(cases.findVisible(caseId, current.get()).id).stream().map(TaskResponse::of).toList();
    }

    @Transactional
    public TaskResponse add(UUID caseId, TaskRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        String me = current.get().subject();
        String assignee = assignee(r.assignee(), c);
        CaseTask t = task(c, tasks.nextPosition(c.id), r.title(), r.description(), null, assignee, me, clock.instant());
        tasks.persist(t);
        audit.append(c.tenantId, me, c.id, "case.task-added", null, TaskResponse.of(t));
        return TaskResponse.of(t);
    }

    @Transactional
    public TaskResponse update(UUID caseId, UUID taskId, TaskUpdate u) {
        Case c = cases.findVisible(caseId, current.get());
        CaseTask t = tasks.findById(taskId);
        if (t == null || !t.caseId.equals(c.id)) {
            throw new ProblemException.NotFound("case " + caseId + " has no task " + taskId);
        }
        String me = current.get().subject();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        if (u.status() != null && u.status() != t.status) {
            before.put("status", t.status);
            after.put("status", u.status());
            t.status = u.status();
            t.doneBy = u.status() == CaseTask.Status.OPEN ? null : me;
            t.doneAt = u.status() == CaseTask.Status.OPEN ? null : clock.instant();
        }
        if (u.assignee() != null) {
            String to = assignee(u.assignee(), c);
            before.put("assignee", t.assignee);
            after.put("assignee", to);
            t.assignee = to;
        }
        if (!after.isEmpty()) {
            after.put("task", t.title);
            audit.append(c.tenantId, me, c.id, "case.task-updated", before, after);
        }
        return TaskResponse.of(t);
    }

    @Transactional
    public TemplateResponse putTemplate(String name, TemplateRequest r) {
        if (r.ruleId() == null && r.technique() == null && r.label() == null) {
            throw new ProblemException.Unprocessable("a template is chosen by a ruleId, a technique or a label: give one",
                    List.of(new Problem.FieldError("technique", "e.g. T1003 for credential dumping")));
        }
        if (r.tenantId() != null) {
            current.requireVisible(r.tenantId());
        }
        TaskTemplate t = templates.findById(name);
        if (t != null && t.tenantId != null && !current.get().allows(t.tenantId)) {
            throw new ProblemException.Conflict("the template name '" + name + "' is taken");
        }
        boolean fresh = t == null;
        if (fresh) {
            t = new TaskTemplate();
            t.name = name;
        }
        t.tenantId = r.tenantId();
        t.ruleId = r.ruleId();
        t.technique = r.technique();
        t.label = r.label();
        t.tasks = write(r.tasks());
        t.updatedAt = clock.instant();
        t.updatedBy = current.get().subject();
        if (fresh) {
            templates.persist(t);
            try {
                templates.flush();
            } catch (jakarta.persistence.PersistenceException e) { // another tenant's own template has that name
                throw new ProblemException.Conflict("the template name '" + name + "' is taken");
            }
        }
        return view(t);
    }

    @Transactional
    public List<TemplateResponse> templates() {
        return templates.all().stream().filter(t -> t.tenantId == null || current.get().allows(t.tenantId))
                .map(this::view).toList();
    }

    private String assignee(String requested, Case c) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String me = current.get().subject();
        String who = "me".equals(requested) ? me : requested;
        if (!who.equals(me)) {
            directory.requireAssignable(who, c.tenantId);
        }
        return who;
    }

    private static CaseTask task(Case c, int position, String title, String description, String template,
            String assignee, String actor, Instant now) {
        CaseTask t = new CaseTask();
        t.id = UUID.randomUUID();
        t.tenantId = c.tenantId;
        t.caseId = c.id;
        t.position = position;
        t.title = title;
        t.description = description;
        t.template = template;
        t.status = CaseTask.Status.OPEN;
        t.assignee = assignee;
        t.createdAt = now;
        t.createdBy = actor;
        return t;
    }

    private TemplateResponse view(TaskTemplate t) {
        return new TemplateResponse(t.name, t.tenantId, t.ruleId, t.technique, t.label, read(t.tasks), t.updatedAt,
                t.updatedBy);
    }

    private List<TemplateRequest.Item> read(String json) {
        try {
            return mapper.readValue(json, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable template tasks", e);
        }
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
