package io.vigil.ingest.syslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vigil.ingest.access.KeyDirectory;
import io.vigil.ingest.intake.IngestConfig;
import io.vigil.ingest.intake.service.IntakeService;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The syslog listeners of {@code vigil.ingest.syslog-listeners}: messages are framed (TCP) or taken one
 * per datagram (UDP), gathered per connection for up to 200 ms or 1,000 messages, and ingested like
 * {@code /raw} lines for the tenant of the listener's key or of each message's own key. Over a tenant's
 * rate the TCP connection stops being read until the batch is taken (the sender is pushed back, nothing is
 * lost); UDP cannot push back, so what is refused there is counted.
 */
@ApplicationScoped
public class SyslogListeners {

    private static final Logger LOG = Logger.getLogger(SyslogListeners.class);
    static final Pattern SD_KEY = Pattern.compile("key=\"(vgl_[A-Za-z0-9_-]{20,100})\"");
    private static final int BATCH = 1_000;
    private static final long LINGER_MS = 200;

    private final Vertx vertx;
    private final IngestConfig config;
    private final IntakeService intake;
    private final KeyDirectory keys;
    private final MeterRegistry meters;
    private final List<NetServer> servers = new ArrayList<>();
    private final List<DatagramSocket> sockets = new ArrayList<>();

    public SyslogListeners(Vertx vertx, IngestConfig config, IntakeService intake, KeyDirectory keys,
            MeterRegistry meters) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.keys = keys;
        this.meters = meters;
    }

    void start(@Observes StartupEvent ev) {
        config.syslogListeners().forEach((name, l) -> {
            if ("udp".equalsIgnoreCase(l.protocol())) {
                startUdp(name, l);
            } else {
                startTcp(name, l);
            }
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        servers.forEach(NetServer::close);
        sockets.forEach(DatagramSocket::close);
    }

    private void startTcp(String name, IngestConfig.SyslogListener l) {
        NetServerOptions options = new NetServerOptions().setPort(l.port()).setHost("0.0.0.0");
        if (l.tlsCert().isPresent() && l.tlsKey().isPresent()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(l.tlsCert().get())
                    .setKeyPath(l.tlsKey().get()));
        } else if (l.tlsKeystore().isPresent()) {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PfxOptions().setPath(l.tlsKeystore().get())
                    .setPassword(l.tlsKeystorePassword().orElse("")));
        }
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> {
            Batch batch = new Batch(l, socket);
            SyslogFramer framer = new SyslogFramer(config.maxLineBytes(), batch::add);
            socket.handler(framer::feed);
            socket.endHandler(v -> {
                framer.close();
                batch.flush();
            });
        });
        server.listen().onSuccess(s -> LOG.infof("syslog listener %s on TCP %d%s (%s)", name, s.actualPort(),
                options.isSsl() ? " with TLS" : "", l.format()))
                .onFailure(e -> LOG.errorf("syslog listener %s cannot listen on TCP %d: %s", name, l.port(), e.getMessage()));
        servers.add(server);
    }

    private void startUdp(String name, IngestConfig.SyslogListener l) {
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 << 20));
        Batch batch = new Batch(l, null);
        socket.handler(packet -> batch.add(packet.data().toString(java.nio.charset.StandardCharsets.UTF_8).stripTrailing()));
        socket.listen(l.port(), "0.0.0.0")
                .onSuccess(s -> LOG.infof("syslog listener %s on UDP %d (%s)", name, l.port(), l.format()))
                .onFailure(e -> LOG.errorf("syslog listener %s cannot listen on UDP %d: %s", name, l.port(), e.getMessage()));
        sockets.add(socket);
    }

    /** Messages of one connection (or one UDP listener) waiting to be ingested, in order. */
    private final class Batch {
        private final IngestConfig.SyslogListener listener;
        private final NetSocket socket;
        private List<String> lines = new ArrayList<>();
        private long timer = -1;

        Batch(IngestConfig.SyslogListener listener, NetSocket socket) {
            this.listener = listener;
            this.socket = socket;
        }

        void add(String line) {
            if (line.isBlank()) {
                return;
            }
            lines.add(line);
            if (lines.size() >= BATCH) {
                flush();
            } else if (timer < 0) {
                timer = vertx.setTimer(LINGER_MS, t -> {
                    timer = -1;
                    flush();
                });
            }
        }

        void flush() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            if (lines.isEmpty()) {
                return;
            }
            List<String> taken = lines;
            lines = new ArrayList<>();
            if (socket != null) {
                socket.pause();
            }
            vertx.executeBlocking(() -> {
                ingest(listener, taken);
                return null;
            }, true).onComplete(done -> {
                if (socket != null) {
                    socket.resume();
                }
            });
        }
    }

    /** Runs on a worker: resolves each message's tenant and ingests per tenant; retries while over the rate. */
    void ingest(IngestConfig.SyslogListener l, List<String> lines) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String line : lines) {
            String key = l.apiKey().orElseGet(() -> {
                Matcher m = SD_KEY.matcher(line);
                return m.find() ? m.group(1) : null;
            });
            if (key == null) {
                meters.counter("vigil.ingest.syslog.refused", "reason", "no-key").increment();
                LOG.warnf("syslog message without an ingestion key refused: %.120s", line);
                continue;
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        byKey.forEach((key, batch) -> {
            Optional<KeyDirectory.KeyEntry> entry = keys.resolve(key).await().indefinitely();
            if (entry.isEmpty()) {
                meters.counter("vigil.ingest.syslog.refused", "reason", "unknown-key").increment(batch.size());
                LOG.warnf("%d syslog messages with an unknown or revoked key refused", batch.size());
                return;
            }
            ingestFor(entry.get(), l, batch);
        });
    }

    private void ingestFor(KeyDirectory.KeyEntry key, IngestConfig.SyslogListener l, List<String> batch) {
        var requestContext = Arc.container().requestContext();
        for (int attempt = 0; ; attempt++) {
            requestContext.activate();
            try {
                Arc.container().instance(CurrentTenant.class).get().set(TenantContext.forMessage(key.tenantId()));
                intake.ingestLines(key.tenantId(), key.logSourceId(), l.format(), batch, ZoneId.of(l.timeZone()));
                return;
            } catch (ProblemException.TooManyRequests e) {
                // over the rate or Redis full: hold this connection's reading, then try again
                if (attempt >= 30) {
                    meters.counter("vigil.ingest.syslog.refused", "reason", "backlog").increment(batch.size());
                    LOG.errorf("%d syslog messages of tenant %s refused after 30 retries: %s", batch.size(),
                            key.tenantId(), e.getMessage());
                    return;
                }
                sleep(Math.max(1, e.retryAfterSeconds()) * 1000L);
            } catch (ProblemException e) {
                meters.counter("vigil.ingest.syslog.refused", "reason", "refused").increment(batch.size());
                LOG.warnf("%d syslog messages of tenant %s refused: %s", batch.size(), key.tenantId(), e.getMessage());
                return;
            } finally {
                requestContext.terminate();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
