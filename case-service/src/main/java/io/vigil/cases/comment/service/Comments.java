package io.vigil.cases.comment.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.comment.Comment;
import io.vigil.cases.comment.repository.CommentRepository;
import io.vigil.cases.comment.rest.CommentRequest;
import io.vigil.cases.comment.rest.CommentResponse;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Comments on a case. Provider staff see every comment and write internal ones by default; a client's
 * people see and write shared comments only. A comment is an action on the timeline but, as a client's
 * comment, never stops a response clock (only a provider action does).
 */
@ApplicationScoped
public class Comments {


    private final CommentRepository comments;
    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;

    private final io.vigil.cases.sla.service.SlaClocks clocks;
    private final java.time.Clock clock;

    public Comments(CommentRepository comments, CaseRepository cases, CurrentTenant current, AuditChain audit,
            io.vigil.cases.sla.service.SlaClocks clocks, java.time.Clock clock) {
        this.clocks = clocks;
        this.clock = clock;
        this.comments = comments;
        this.cases = cases;
        this.current = current;
        this.audit = audit;
    }


    @Transactional
    public List<CommentResponse> list(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        return comments.ofCase(c.id, Case.Party.of(current.get()) != Case.Party.PROVIDER).stream().map(Comments::response).toList();
    }

    @Transactional
    public CommentResponse add(UUID caseId, CommentRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        TenantContext caller = current.get();
        boolean staff = Case.Party.of(caller) == Case.Party.PROVIDER;
        if (!staff && r.visibility() == Comment.Visibility.INTERNAL) {
            throw new ProblemException.Forbidden("internal comments are the provider's; a client's comments are shared");
        }
        Comment m = new Comment();
        m.id = UUID.randomUUID();
        m.tenantId = c.tenantId;
        m.caseId = c.id;
        m.author = caller.subject();
        m.authorParty = Case.Party.of(caller).name();
        m.visibility = staff ? (r.visibility() == null ? Comment.Visibility.INTERNAL : r.visibility())
                : Comment.Visibility.SHARED;
        m.body = r.body();
        m.createdAt = clock.instant();
        comments.persist(m);
        if (staff && m.visibility == Comment.Visibility.SHARED) {
            clocks.lock(c);
            clocks.clientNotified(c, caller.subject(), m.createdAt); // a client's own comment never stops a clock
        }
        audit.append(c.tenantId, caller.subject(), c.id, "case.commented", null,
                Map.of("commentId", m.id, "visibility", m.visibility, "party", m.authorParty));
        return response(m);
    }

    private static CommentResponse response(Comment m) {
        return new CommentResponse(m.id, m.caseId, m.author, m.authorParty, m.visibility, m.body, m.createdAt);
    }

}
