package io.vigil.detection.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Sigma rule of the provider's catalog, kept as written; the engine compiles it on load. */
@Entity
@Table(name = "rules")
public class Rule {

    @Id
    public String id;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String title;

    public String author;

    public String level;

    public String status;

    @Column(nullable = false)
    public String yaml;

    /** {@code detection} or {@code correlation}. */
    @Column(nullable = false)
    public String kind = "detection";

    /** The pack the rule came in: core, emerging-threats, threat-hunting... or custom. */
    @Column(nullable = false)
    public String pack = "custom";

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;
}
