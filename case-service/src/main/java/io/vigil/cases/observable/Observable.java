package io.vigil.cases.observable;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** Something a case is about: an address, a host, an account, a file hash... with how it may be shared. */
@Entity
@Table(name = "case_observables")
@Filter(name = TenantFilter.NAME)
public class Observable {

    /** The kinds of observable; the wire name is {@link #wire()}. */
    public enum Type {
        IP, DOMAIN, URL, FILE_HASH, USER, HOST, EMAIL, PROCESS, REGISTRY_KEY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Type of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** The value as compared and stored: names are case-insensitive on Windows and in DNS. */
        public String normalise(String value) {
            String v = value.trim();
            return switch (this) {
                case DOMAIN, FILE_HASH, USER, HOST, EMAIL -> v.toLowerCase(Locale.ROOT);
                default -> v;
            };
        }
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    /** The wire name of the {@link Type}. */
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String value;
    @Column(nullable = false)
    public String tlp = "AMBER";
    @Column(nullable = false)
    public String pap = "AMBER";
    @Column(nullable = false)
    public boolean ioc;
    @Column(nullable = false)
    public boolean sighted = true;
    /** ALERT (taken from an alert) or ANALYST (added by hand). */
    @Column(nullable = false)
    public String source;
    public String note;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
