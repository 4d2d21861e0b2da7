package io.vigil.detection.eventstore.retention;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.eventstore.repository.RetentionRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Daily partitions of the event store (UTC days, {@code events_pYYYYMMDD}): created ahead of time, and
 * dropped whole once every tenant's retention has let go of their day, which costs nothing compared with
 * deleting rows. Events of a day without a partition (late or very old telemetry) land in the default
 * partition; when their day's partition is created they are moved into it.
 */
@ApplicationScoped
public class EventPartitions {

    private static final Logger LOG = Logger.getLogger(EventPartitions.class);

    private final RetentionRepository store;
    private final CurrentTenant current;
    private final int aheadDays;
    private final int defaultDays;

    public EventPartitions(RetentionRepository store, CurrentTenant current,
            @ConfigProperty(name = "vigil.detection.partitions.ahead-days", defaultValue = "3") int aheadDays,
            @ConfigProperty(name = "vigil.detection.retention.default-days", defaultValue = "90") int defaultDays) {
        this.store = store;
        this.current = current;
        this.aheadDays = aheadDays;
        this.defaultDays = defaultDays;
    }

    /** What one maintenance run did. */
    public record Outcome(List<LocalDate> created, List<LocalDate> dropped, long moved) {
    }

    void onStart(@Observes StartupEvent ev) {
        run();
    }

    @Scheduled(every = "${vigil.detection.partitions.every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    @ActivateRequestContext
    void run() {
        current.set(TenantContext.system("event-partitions"));
        try {
            Outcome o = maintain(Instant.now());
            if (!o.created().isEmpty() || !o.dropped().isEmpty()) {
                LOG.infof("event partitions: created %s (%d events moved from the default partition), dropped %s",
                        o.created(), o.moved(), o.dropped());
            }
        } catch (RuntimeException e) {
            LOG.warnf("event partition maintenance failed, retried at the next run: %s", e.getMessage());
        }
    }

    /** Creates the partitions of yesterday to {@code aheadDays} ahead and drops those past every retention. */
    public Outcome maintain(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> created = new ArrayList<>();
        long moved = 0;
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(aheadDays)); day = day.plusDays(1)) {
            long n = ensure(day);
            if (n >= 0) {
                created.add(day);
                moved += n;
            }
        }
        LocalDate keepFrom = today.minusDays(longestRetentionDays());
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : existing()) {
            if (!day.plusDays(1).isAfter(keepFrom)) { // the whole day is older than every retention
                drop(day);
                dropped.add(day);
            }
        }
        return new Outcome(created, dropped, moved);
    }

    /**
     * Creates the partition of {@code day} if it is missing, moving that day's events out of the default
     * partition first (PostgreSQL refuses a partition whose rows sit in the default one). Returns how many
     * events moved, or -1 when the partition was there already.
     */
    @Transactional
    public long ensure(LocalDate day) {
        // The service's role may not create tables: the function (V11) does this one thing as the owner.
        return store.ensurePartition(day);
    }

    /** The days that have their own partition, oldest first. */
    @Transactional
    public List<LocalDate> existing() {
        return store.partitionDays();
    }

    @Transactional
    void drop(LocalDate day) {
        store.dropPartition(day);
    }

    /** The longest retention any tenant has (or the provider's default): older days are no one's any more. */
    @Transactional
    int longestRetentionDays() {
        return Math.max(defaultDays, store.longestDays().orElse(0));
    }
}
