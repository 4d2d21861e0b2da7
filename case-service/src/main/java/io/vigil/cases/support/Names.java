package io.vigil.cases.support;

/** The one spelling of names users give things (playbooks, connectors, automation rules, saved views). */
public final class Names {

    /** Lower-case letters, digits and dashes, at most 63, starting with a letter or digit. */
    public static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";

    private Names() {
    }

    public static boolean valid(String name) {
        return name != null && name.matches(SLUG);
    }
}
