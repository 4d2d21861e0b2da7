package io.vigil.cases.observable.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An observable added by hand. TLP 2.0 and PAP levels; default AMBER for both. */
public record ObservableRequest(
        @NotNull @Pattern(regexp = "ip|domain|url|file-hash|user|host|email|process|registry-key",
                message = "must be ip, domain, url, file-hash, user, host, email, process or registry-key") String type,
        @NotBlank @Size(max = 2048) String value,
        @Pattern(regexp = "CLEAR|GREEN|AMBER|AMBER\\+STRICT|RED", message = "must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED") String tlp,
        @Pattern(regexp = "CLEAR|GREEN|AMBER|RED", message = "must be CLEAR, GREEN, AMBER or RED") String pap,
        Boolean ioc, Boolean sighted, @Size(max = 2000) String note) {
}
