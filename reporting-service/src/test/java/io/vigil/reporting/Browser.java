package io.vigil.reporting;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser, reduced to what the sign-in needs: cookies, redirects followed, and Keycloak's login form
 * filled in. Talks to the real Keycloak and the service under test over HTTP.
 */
final class Browser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient noRedirects;

    Browser() {
        noRedirects = HttpClient.newBuilder().cookieHandler(http.cookieHandler().orElseThrow())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Opens {@code url}; if Keycloak asks who this is, signs in as {@code username}. Returns the page reached. */
    HttpResponse<String> signIn(String url, String username, String password) throws Exception {
        HttpResponse<String> page = get(url);
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no Keycloak login form at " + page.uri() + ": HTTP " + page.statusCode());
        }
        return post(form.group(1).replace("&amp;", "&"), Map.of("username", username, "password", password,
                "credentialId", ""));
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form posted as a browser does, redirects followed (303 turns into a GET). */
    HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        return http.send(formRequest(url, form), HttpResponse.BodyHandlers.ofString());
    }

    /** The same, but the first answer itself (to see a redirect's target). */
    HttpResponse<String> postOnce(String url, Map<String, String> form) throws IOException, InterruptedException {
        return noRedirects.send(formRequest(url, form), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest formRequest(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Cookies as a browser keeps them for a loopback address: Keycloak marks its login cookies Secure (SameSite=None),
     * and browsers treat http://127.0.0.1 as a secure context, where Java's CookieManager would drop them.
     */
    static final class LoopbackCookies extends java.net.CookieHandler {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers)
                throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            Map<String, java.util.List<String>> kept = new java.util.HashMap<>();
            headers.forEach((name, values) -> kept.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList() : values));
            cookies.put(uri, kept);
        }
    }

    /** The value of the first {@code <input name=...>} of the page. */
    static String input(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no input " + name + " on the page");
        }
        return m.group(1);
    }
}
