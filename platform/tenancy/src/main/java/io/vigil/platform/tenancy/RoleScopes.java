package io.vigil.platform.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Endpoints name the role sets they allow once, as configuration ({@code @RolesAllowed("${vigil.roles.staff}")},
 * the sets in this module's microprofile-config.properties). Security checks expand them; the OpenAPI scanner
 * copies the annotation's text, so this filter expands each {@code ${...}} scope into the roles it stands
 * for, and client systems read role names, not configuration keys.
 */
public class RoleScopes implements OASFilter {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            return operation;
        }
        List<SecurityRequirement> expanded = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement copy = OASFactory.createSecurityRequirement();
            if (requirement.getSchemes() != null) {
                requirement.getSchemes().forEach((scheme, scopes) -> copy.addScheme(scheme, expand(scopes)));
            }
            expanded.add(copy);
        }
        operation.setSecurity(expanded); // the scanner's lists are read-only
        return operation;
    }

    static List<String> expand(List<String> scopes) {
        if (scopes == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String scope : scopes) {
            Matcher m = EXPRESSION.matcher(scope);
            if (m.matches()) {
                out.addAll(List.of(ConfigProvider.getConfig().getValue(m.group(1), String[].class)));
            } else {
                out.add(scope);
            }
        }
        return out;
    }
}
