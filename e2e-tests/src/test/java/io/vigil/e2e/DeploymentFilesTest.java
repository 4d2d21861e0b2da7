package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files (infra/deploy: the compose file and the Helm chart) agree with the services'
 * configuration: the same images, ports and management port, probes on the health endpoints, every variable
 * they set read by the service it is set for, every address a service would otherwise look for on 127.0.0.1
 * given, and every secret taken from a Secret or the env file, never written in the files.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of(System.getProperty("vigil.root", ".."));
    static final List<String> SERVICES = List.of("ingest-gateway", "tenant-service", "detection-service", "case-service",
            "reporting-service");
    static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_KEYS)$");

    /** A variable a service's configuration reads, with its default (null when it has none). */
    record Read(String name, String fallback) {
    }

    @Test
    void eachServiceBuildsItsImageWithJibInTheVigilGroup() {
        assertTrue(lines(ROOT.resolve("platform/tenancy/src/main/resources/META-INF/microprofile-config.properties"))
                .contains("quarkus.container-image.group=vigil"), "images in the vigil group, named by artifact and version");
        for (String s : SERVICES) {
            assertTrue(String.join("\n", lines(ROOT.resolve(s + "/pom.xml"))).contains("<artifactId>quarkus-container-image-jib</artifactId>"),
                    s + " builds its image with Jib");
        }
    }

    @Test
    void theComposeFileRunsEachServiceAsItsConfigurationExpects() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("infra/deploy/compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        assertEquals(new TreeSet<>(SERVICES), new TreeSet<>(services.keySet()));
        Set<String> envFile = envFileNames(ROOT.resolve("infra/deploy/vigil.env.example"));
        Map<String, Read> everyRead = new HashMap<>();
        for (String s : SERVICES) {
            everyRead.putAll(reads(s));
        }
        for (String name : envFile) {
            assertTrue(everyRead.containsKey(name), "vigil.env.example sets " + name + ", which no service reads");
        }
        for (String s : SERVICES) {
            Map<String, Object> svc = map(services.get(s));
            assertEquals(image(s), svc.get("image"), s);
            Map<String, String> env = strings(map(svc.get("environment")));
            check(s, env, envFile);
            assertTrue(env.keySet().stream().noneMatch(n -> SECRET.matcher(n).matches()),
                    s + ": secrets belong in vigil.env, not in compose.yaml: " + env.keySet());
            for (Object published : svc.containsKey("ports") ? (List<?>) svc.get("ports") : List.of()) {
                assertEquals(String.valueOf(httpPort(s)), published.toString().replaceAll(".*:", ""), s + " publishes its HTTP port");
            }
            env.forEach((name, value) -> urlPointsAtItsService(s, name, value));
        }
    }

    @Test
    void theHelmChartRunsEachServiceAsItsConfigurationExpects() throws IOException {
        Path chart = ROOT.resolve("infra/deploy/helm/vigil");
        Map<String, Object> values = yaml(chart.resolve("values.yaml"));
        String version = rootVersion();
        assertEquals(version, map(values.get("image")).get("tag"), "images are tagged with the build's version");
        assertEquals("vigil", map(values.get("image")).get("group"));
        assertEquals(managementPort(), ((Number) values.get("managementPort")).intValue());
        List<String> names = new ArrayList<>();
        Map<String, String> common = strings(map(values.get("commonEnv")));
        List<String> sharedSecrets = strings((List<?>) values.get("commonSharedSecrets"));
        List<String> serviceSecrets = strings((List<?>) values.get("serviceSecrets"));
        for (Object o : (List<?>) values.get("services")) {
            Map<String, Object> svc = map(o);
            String s = (String) svc.get("name");
            names.add(s);
            assertEquals(httpPort(s), ((Number) svc.get("port")).intValue(), s + "'s port");
            Map<String, String> env = new LinkedHashMap<>(common);
            env.putAll(strings(map(svc.get("env"))));
            env.put("VIGIL_REDIS_USER", "vigil-" + s); // set by the template
            Set<String> fromSecrets = new TreeSet<>(sharedSecrets);
            fromSecrets.addAll(serviceSecrets);
            fromSecrets.addAll(svc.containsKey("sharedSecrets") ? strings((List<?>) svc.get("sharedSecrets")) : List.of());
            assertTrue(env.keySet().stream().noneMatch(n -> SECRET.matcher(n).matches()),
                    s + ": secrets come from Secrets, not values: " + env.keySet());
            check(s, env, fromSecrets.stream().filter(n -> reads(s).containsKey(n)).collect(java.util.stream.Collectors.toSet()));
            for (String secret : fromSecrets) {
                if (!sharedSecrets.contains(secret) && !serviceSecrets.contains(secret)) {
                    assertTrue(reads(s).containsKey(secret), s + " is given " + secret + ", which it does not read");
                }
            }
            env.forEach((name, value) -> urlPointsAtItsService(s, name, value));
            Map<String, Object> resources = map(svc.get("resources"));
            assertTrue(map(resources.get("requests")).containsKey("memory") && map(resources.get("limits")).containsKey("memory"),
                    s + " states its memory");
        }
        assertEquals(SERVICES, names);
        String deployment = Files.readString(chart.resolve("templates/deployment.yaml"));
        for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started")) {
            assertTrue(deployment.contains("path: " + probe + ", port: management"), "probe " + probe + " on the management port");
        }
        assertTrue(deployment.contains("containerPort: {{ $.Values.managementPort }}"));
        assertTrue(deployment.contains("{{ $.Values.image.group }}/{{ .name }}:{{ $.Values.image.tag }}"), "image names");
    }

    /**
     * What the deployment gives one service ({@code env} plus the names it fills from secrets or a file) against
     * what its configuration reads: nothing it does not read, and every address that would otherwise be 127.0.0.1.
     */
    private void check(String service, Map<String, String> env, Set<String> elsewhere) {
        Map<String, Read> reads = reads(service);
        for (String name : env.keySet()) {
            assertTrue(reads.containsKey(name), service + " is given " + name + ", which its configuration does not read");
        }
        for (Read r : reads.values()) {
            boolean local = r.fallback() != null && r.fallback().contains("127.0.0.1");
            boolean required = r.fallback() == null;
            if ((local || required) && !r.name().equals("VIGIL_HTTP_HOST")) {
                assertTrue(env.containsKey(r.name()) || elsewhere.contains(r.name()),
                        service + " would look for " + r.name() + " at " + r.fallback() + ": the deployment must set it");
            }
        }
        assertEquals("0.0.0.0", env.get("VIGIL_MANAGEMENT_HOST"), service + ": probes reach the management port from outside");
    }

    /** A service URL names the service whose variable it is, on that service's port. */
    private static void urlPointsAtItsService(String service, String name, String value) {
        Matcher m = Pattern.compile("VIGIL_([A-Z_]+)_URL").matcher(name);
        if (m.matches()) {
            String target = m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (SERVICES.contains(target)) {
                assertEquals("http://" + target + ":" + httpPort(target), value, service + "'s " + name);
            }
        }
    }

    /** Every ${VIGIL_...} the service's configuration reads (its own and the platform's), with its default. */
    static Map<String, Read> reads(String service) {
        Map<String, Read> out = new HashMap<>();
        for (Path p : List.of(ROOT.resolve(service + "/src/main/resources/application.properties"),
                ROOT.resolve("platform/tenancy/src/main/resources/META-INF/microprofile-config.properties"))) {
            for (String line : lines(p)) {
                if (line.startsWith("#") || line.startsWith("%")) {
                    continue;
                }
                collect(line, out);
            }
        }
        return out;
    }

    /** The variables of one value, nested defaults included: ${A:http://${B:host}:${C:1}}. */
    static void collect(String text, Map<String, Read> out) {
        int i = text.indexOf("${");
        while (i >= 0) {
            int depth = 0;
            int end = i;
            for (int k = i; k < text.length(); k++) {
                if (text.startsWith("${", k)) {
                    depth++;
                    k++;
                } else if (text.charAt(k) == '}' && --depth == 0) {
                    end = k;
                    break;
                }
            }
            String inner = text.substring(i + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            if (name.startsWith("VIGIL_")) {
                out.putIfAbsent(name, new Read(name, colon < 0 ? null : inner.substring(colon + 1)));
            }
            if (colon >= 0) {
                collect(inner.substring(colon + 1), out);
            }
            i = text.indexOf("${", end);
        }
    }

    static int httpPort(String service) {
        for (String line : lines(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            Matcher m = Pattern.compile("^quarkus\\.http\\.port=\\$\\{VIGIL_[A-Z_]+_PORT:(\\d+)}$").matcher(line.trim());
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError(service + " names no HTTP port");
    }

    static int managementPort() {
        Map<String, Read> reads = new HashMap<>();
        for (String line : lines(ROOT.resolve("platform/tenancy/src/main/resources/META-INF/microprofile-config.properties"))) {
            if (line.startsWith("quarkus.management.port=")) {
                collect(line, reads);
            }
        }
        return Integer.parseInt(reads.get("VIGIL_MANAGEMENT_PORT").fallback());
    }

    /** The image the build makes of the service (see {@link #eachServiceBuildsItsImageWithJibInTheVigilGroup}). */
    static String image(String service) {
        return "vigil/" + service + ":" + rootVersion();
    }

    static String rootVersion() {
        String pom = String.join("\n", lines(ROOT.resolve("pom.xml")));
        Matcher m = Pattern.compile("<artifactId>vigil-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the root pom's version");
        return m.group(1);
    }

    private static Set<String> envFileNames(Path p) {
        Set<String> names = new TreeSet<>();
        for (String line : lines(p)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        return names;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(Path p) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static List<String> strings(List<?> l) {
        return l == null ? List.of() : l.stream().map(String::valueOf).toList();
    }
}
