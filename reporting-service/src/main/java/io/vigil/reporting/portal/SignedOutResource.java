package io.vigil.reporting.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where Keycloak sends a browser back after signing out: no session needed to read it. */
@Path("/portal/signed-out")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SignedOutResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @GET
    public TemplateInstance get() {
        return Templates.signedOut();
    }
}
