package io.vigil.tenant.contact.mapping;

import io.vigil.tenant.contact.Contact;
import io.vigil.tenant.contact.EscalationStep;
import io.vigil.tenant.contact.rest.ContactResponse;
import io.vigil.tenant.contact.rest.EscalationMatrix;
import io.vigil.tenant.sla.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

public final class ContactMapper {

    private ContactMapper() {
    }

    public static ContactResponse toResponse(Contact c) {
        return new ContactResponse(c.id, c.tenantId, c.name, c.role, c.email, c.phone, c.webhookUrl, c.createdAt, c.updatedAt);
    }

    public static EscalationMatrix toMatrix(List<EscalationStep> steps) {
        Map<Severity, List<EscalationMatrix.Step>> out = new EnumMap<>(Severity.class);
        for (EscalationStep s : steps) {
            out.computeIfAbsent(s.key.severity(), k -> new ArrayList<>())
                    .add(new EscalationMatrix.Step(s.contactId, s.afterMinutes, s.channel));
        }
        return new EscalationMatrix(out);
    }
}
