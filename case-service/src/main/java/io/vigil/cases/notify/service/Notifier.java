package io.vigil.cases.notify.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.notify.Notification;
import io.vigil.cases.notify.repository.NotificationRepository;
import io.vigil.cases.tenantfacts.EscalationRung;
import io.vigil.cases.tenantfacts.TenantContact;
import io.vigil.cases.tenantfacts.repository.TenantFactsRepository;
import io.vigil.cases.triage.Case;
import io.vigil.platform.net.OutboundAddresses;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells the client's people of a case through its escalation matrix: the first rung once the case has waited
 * the rung's minutes (often at once), each next rung when the case is still unacknowledged after its own
 * minutes. A signed webhook (see {@link WebhookKeys}) or an e-mail through the configured SMTP relay; phone
 * and SMS rungs are recorded as unsupported until a gateway exists. Every outbound address is checked first
 * ({@link OutboundAddresses}): a tenant's configuration never makes Vigil call into internal networks.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    static final int MAX_ATTEMPTS = 3;
    private static final int BATCH = 200;

    /** What one rung is to send, decided in the claiming transaction and sent after it. */
    record Claim(UUID notificationId, UUID tenantId, UUID caseId, EscalationRung.Channel channel, String target,
            String subject, String body, String secret) {
    }

    record Outcome(Notification.Status status, String detail) {
    }

    private final NotificationRepository notifications;
    private final TenantFactsRepository facts;
    private final WebhookKeys keys;
    private final AuditChain audit;
    private final EntityManager em;
    private final CurrentTenant current;
    private final Mailer mailer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboundAddresses outbound;
    private final String publicUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Notifier(NotificationRepository notifications, TenantFactsRepository facts, WebhookKeys keys,
            AuditChain audit, EntityManager em, CurrentTenant current, Mailer mailer, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "vigil.outbound.allowed-networks") Optional<String> allowed,
            @ConfigProperty(name = "vigil.public-url") String publicUrl) {
        this.notifications = notifications;
        this.facts = facts;
        this.keys = keys;
        this.audit = audit;
        this.em = em;
        this.current = current;
        this.mailer = mailer;
        this.mapper = mapper;
        this.clock = clock;
        this.outbound = OutboundAddresses.allowing(allowed.orElse(null));
        this.publicUrl = publicUrl;
    }

    @Scheduled(every = "${vigil.cases.notify.watch-every:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void watch() {
        try {
            int n = notifyNow(clock.instant());
            if (n > 0) {
                LOG.infof("notifications: %d rung(s) of escalation matrices reached", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("notification watch failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** One pass at {@code now}: every due rung is claimed, sent and recorded; returns how many were handled. */
    public int notifyNow(Instant now) {
        current.set(TenantContext.system("notifier"));
        int handled = 0;
        for (NotificationRepository.Due d : QuarkusTransaction.requiringNew()
                .call(() -> notifications.due(now, MAX_ATTEMPTS, BATCH))) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(d, now));
            if (claim == null) {
                continue;
            }
            Outcome outcome = deliver(claim, now);
            QuarkusTransaction.requiringNew().run(() -> record(claim, outcome, now));
            handled++;
        }
        return handled;
    }

    private Claim claim(NotificationRepository.Due d, Instant now) throws JsonProcessingException {
        Case c = em.find(Case.class, d.caseId(), LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.acknowledgedAt != null || c.status != Case.Status.NEW) {
            return null; // acknowledged meanwhile: nobody needs waking any more
        }
        EscalationRung rung = facts.rungs(c.tenantId, c.severity.name()).stream()
                .filter(r -> r.key.position() == d.position()).findFirst().orElse(null);
        if (rung == null) {
            return null; // the matrix changed since the query
        }
        Notification n = notifications.of(c.id, d.position());
        TenantContact contact = facts.contact(rung.contactId).orElse(null);
        if (n == null) {
            n = new Notification();
            n.id = UUID.randomUUID();
            n.tenantId = c.tenantId;
            n.caseId = c.id;
            n.position = d.position();
            n.contactId = rung.contactId;
            n.channel = rung.channel;
            n.dueAt = c.createdAt.plus(Duration.ofMinutes(rung.afterMinutes));
        }
        n.contactName = contact == null ? "(deleted contact)" : contact.name;
        n.target = contact == null ? null : contact.address(rung.channel);
        n.status = Notification.Status.SENDING;
        n.attempts++;
        if (!em.contains(n)) {
            notifications.persist(n);
        }
        String link = publicUrl + "/api/v1/cases/" + c.id;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "case.notification");
        body.put("deliveryId", n.id);
        body.put("tenantId", c.tenantId);
        body.put("caseId", c.id);
        body.put("caseNumber", c.number);
        body.put("title", c.title);
        body.put("severity", c.severity);
        body.put("priority", c.priority);
        body.put("status", c.status);
        body.put("createdAt", c.createdAt);
        body.put("unacknowledgedMinutes", Duration.between(c.createdAt, now).toMinutes());
        body.put("escalationStep", n.position);
        body.put("link", link);
        String subject = "[Vigil " + c.severity + "] case #" + c.number + ": " + c.title;
        String payload = rung.channel == EscalationRung.Channel.EMAIL
                ? "Case #" + c.number + " (" + c.severity + ", priority " + c.priority + ") has waited "
                        + Duration.between(c.createdAt, now).toMinutes() + " minutes without acknowledgement.\n\n"
                        + c.title + "\n\n" + link + "\n\nEscalation step " + n.position + " of your matrix.\n"
                : mapper.writeValueAsString(body);
        String secret = rung.channel == EscalationRung.Channel.WEBHOOK ? keys.of(c.tenantId).secret : null;
        return new Claim(n.id, c.tenantId, c.id, rung.channel, n.target, subject, payload, secret);
    }

    /**
     * Sends one message to a contact by its channel now, outside the escalation of unacknowledged cases (for
     * example a containment approval that waits too long); returns what happened, in words. Webhooks are signed
     * with the tenant's key and the same outbound walls apply.
     */
    public String sendOnce(UUID tenantId, UUID caseId, EscalationRung.Channel channel, String target, String subject,
            String body, Instant now) {
        String secret = channel == EscalationRung.Channel.WEBHOOK
                ? QuarkusTransaction.requiringNew().call(() -> keys.of(tenantId).secret) : null;
        Outcome o = deliver(new Claim(UUID.randomUUID(), tenantId, caseId, channel, target, subject, body, secret), now);
        return o.status() + ": " + o.detail();
    }

    private Outcome deliver(Claim claim, Instant now) {
        if (claim.target() == null) {
            return new Outcome(Notification.Status.REFUSED, "the contact has no address for " + claim.channel());
        }
        return switch (claim.channel()) {
            case WEBHOOK -> webhook(claim, now);
            case EMAIL -> email(claim);
            case PHONE, SMS -> new Outcome(Notification.Status.UNSUPPORTED, "no " + claim.channel() + " gateway is configured");
        };
    }

    private Outcome webhook(Claim claim, Instant now) {
        URI uri;
        try {
            uri = URI.create(claim.target());
        } catch (IllegalArgumentException e) {
            return new Outcome(Notification.Status.REFUSED, "not a URL: " + e.getMessage());
        }
        String why = uri.getHost() == null ? "the URL has no host" : outbound.refusal(uri.getHost());
        if (why != null) {
            return new Outcome(Notification.Status.REFUSED, why);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("User-Agent", "Vigil-Webhook/1")
                .header("X-Vigil-Delivery", claim.notificationId().toString())
                .header("X-Vigil-Signature", WebhookKeys.signature(claim.secret(), now.getEpochSecond(), claim.body()))
                .POST(HttpRequest.BodyPublishers.ofString(claim.body())).build();
        try {
            HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? new Outcome(Notification.Status.SENT, "HTTP " + answer.statusCode())
                    : new Outcome(Notification.Status.FAILED, "the receiver answered HTTP " + answer.statusCode());
        } catch (IOException e) {
            return new Outcome(Notification.Status.FAILED, "delivery failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Notification.Status.FAILED, "interrupted");
        }
    }

    private Outcome email(Claim claim) {
        String to = claim.target();
        String domain = to.substring(to.lastIndexOf('@') + 1);
        if (domain.startsWith("[") && domain.endsWith("]")) { // an address literal: the same walls as a webhook
            String why = outbound.refusal(domain);
            if (why != null) {
                return new Outcome(Notification.Status.REFUSED, why);
            }
        }
        try {
            mailer.send(Mail.withText(to, claim.subject(), claim.body()));
            return new Outcome(Notification.Status.SENT, "accepted by the SMTP relay");
        } catch (RuntimeException e) {
            return new Outcome(Notification.Status.FAILED, "the SMTP relay refused or was unreachable: " + e.getMessage());
        }
    }

    private void record(Claim claim, Outcome outcome, Instant now) {
        Notification n = notifications.findById(claim.notificationId());
        n.status = outcome.status();
        n.detail = outcome.detail();
        n.sentAt = outcome.status() == Notification.Status.SENT ? now : null;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("step", n.position);
        after.put("contact", n.contactName);
        after.put("channel", n.channel);
        after.put("status", n.status);
        after.put("detail", n.detail);
        audit.append(n.tenantId, "system", n.caseId, "case.notified", null, after);
        if (outcome.status() != Notification.Status.SENT) {
            LOG.warnf("notification %s of case %s: %s (%s)", n.id, n.caseId, n.status, n.detail);
        }
    }

    /** The case's notifications for its API (the caller's transaction and tenant walls). */
    public List<Notification> of(UUID caseId) {
        return notifications.ofCase(caseId);
    }
}
