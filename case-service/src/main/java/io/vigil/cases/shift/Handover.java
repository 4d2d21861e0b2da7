package io.vigil.cases.shift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A shift handing over: the leaving shift's notes, and who of the next shift took it, when. */
@Entity
@Table(name = "handovers")
public class Handover {

    @Id
    public UUID id;
    @Column(nullable = false)
    public String shift;
    @Column(nullable = false)
    public String author;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    public String notes;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
}
