package io.vigil.cases.containment.connector;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.vigil.cases.containment.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's directory: disables, enables and resets the credentials of an account. Active Directory keeps
 * "disabled" as bit 2 (ACCOUNTDISABLE) of {@code userAccountControl} and the password in {@code unicodePwd}
 * (quoted, UTF-16LE; AD accepts it over LDAPS only); OpenLDAP's password policy locks an account for good with
 * {@code pwdAccountLockedTime: 000001010000Z}. The account is found by its name as the alert gave it
 * ({@code CORP\jdoe}, {@code jdoe@corp.example} or {@code jdoe}) under {@code baseDn}, bound as {@code bindDn}
 * with the connector's credential.
 */
@ApplicationScoped
public class LdapConnector implements Connector {

    static final int ACCOUNTDISABLE = 2;
    private static final String LOCKED_FOR_GOOD = "000001010000Z";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String kind() {
        return "LDAP";
    }

    @Override
    public Outcome send(Config config, Request r) {
        if (r.action() != Action.DISABLE_ACCOUNT && r.action() != Action.ENABLE_ACCOUNT
                && r.action() != Action.RESET_CREDENTIALS) {
            return new Outcome(false, "an LDAP directory cannot " + r.action().wire());
        }
        boolean ad = !"OPENLDAP".equalsIgnoreCase(config.settings().path("flavor").asText("ACTIVE_DIRECTORY"));
        String baseDn = config.setting("baseDn");
        String bindDn = config.setting("bindDn");
        if (config.secret() == null) {
            return new Outcome(false, "the connector has no credential to bind with");
        }
        URI uri = URI.create(config.url());
        boolean tls = "ldaps".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 636 : 389;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(r.timeout().toMillis());
        try (LDAPConnection ldap = tls
                ? new LDAPConnection(new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory(), options,
                        uri.getHost(), port, bindDn, config.secret())
                : new LDAPConnection(options, uri.getHost(), port, bindDn, config.secret())) {
            SearchResultEntry account = find(ldap, baseDn, r.target(), ad);
            if (account == null) {
                return new Outcome(false, "no account '" + r.target() + "' under " + baseDn);
            }
            List<Modification> changes = new ArrayList<>();
            String done;
            switch (r.action()) {
                case DISABLE_ACCOUNT, ENABLE_ACCOUNT -> {
                    boolean disable = r.action() == Action.DISABLE_ACCOUNT;
                    if (ad) {
                        int uac = account.getAttributeValueAsInteger("userAccountControl") == null ? 512
                                : account.getAttributeValueAsInteger("userAccountControl");
                        int next = disable ? uac | ACCOUNTDISABLE : uac & ~ACCOUNTDISABLE;
                        changes.add(new Modification(ModificationType.REPLACE, "userAccountControl", String.valueOf(next)));
                        done = (disable ? "disabled " : "enabled ") + account.getDN() + " (userAccountControl " + uac
                                + " -> " + next + ")";
                    } else if (disable) {
                        changes.add(new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", LOCKED_FOR_GOOD));
                        done = "locked " + account.getDN() + " (pwdAccountLockedTime " + LOCKED_FOR_GOOD + ")";
                    } else {
                        if (account.hasAttribute("pwdAccountLockedTime")) {
                            changes.add(new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
                        }
                        done = "unlocked " + account.getDN();
                    }
                }
                default -> { // RESET_CREDENTIALS: a random password nobody sees; the user resets it with the helpdesk
                    String password = randomPassword();
                    if (ad) {
                        changes.add(new Modification(ModificationType.REPLACE, "unicodePwd",
                                ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE)));
                        changes.add(new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
                    } else {
                        changes.add(new Modification(ModificationType.REPLACE, "userPassword", password));
                        changes.add(new Modification(ModificationType.REPLACE, "pwdReset", "TRUE"));
                    }
                    done = "reset the password of " + account.getDN() + " to a random one; it must be changed at next logon";
                }
            }
            if (!changes.isEmpty()) {
                ldap.modify(account.getDN(), changes);
            }
            return new Outcome(true, done);
        } catch (LDAPException e) {
            return new Outcome(false, "the directory answered " + e.getResultCode() + (e.getDiagnosticMessage() == null ? ""
                    : ": " + e.getDiagnosticMessage()));
        } catch (GeneralSecurityException e) {
            return new Outcome(false, "TLS to the directory failed: " + e.getClass().getSimpleName());
        }
    }

    private static SearchResultEntry find(LDAPConnection ldap, String baseDn, String target, boolean ad) throws LDAPException {
        String name = target;
        if (name.contains("\\")) {
            name = name.substring(name.lastIndexOf('\\') + 1);
        }
        String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        Filter filter = ad ? Filter.createORFilter(Filter.createEqualityFilter("sAMAccountName", local),
                Filter.createEqualityFilter("userPrincipalName", name))
                : Filter.createORFilter(Filter.createEqualityFilter("uid", local), Filter.createEqualityFilter("mail", name));
        SearchResult found = ldap.search(baseDn, SearchScope.SUB, filter, "userAccountControl", "pwdAccountLockedTime");
        if (found.getEntryCount() != 1) {
            return null; // none, or ambiguous: never act on a guess
        }
        return found.getSearchEntries().get(0);
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?";
        StringBuilder b = new StringBuilder("Vg1!");
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
