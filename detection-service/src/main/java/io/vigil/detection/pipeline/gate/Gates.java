package io.vigil.detection.pipeline.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The gates in the configured order ({@code vigil.detection.pipeline.gates}); a name nobody has fails startup. */
@ApplicationScoped
public class Gates {

    private static final Logger LOG = Logger.getLogger(Gates.class);

    private final List<Gate> ordered;

    public Gates(Instance<Gate> all, @ConfigProperty(name = "vigil.detection.pipeline.gates") List<String> order) {
        Map<String, Gate> byName = new TreeMap<>();
        all.forEach(g -> byName.put(g.name(), g));
        List<Gate> out = new ArrayList<>();
        for (String name : order) {
            Gate g = byName.remove(name.trim());
            if (g == null) {
                throw new IllegalStateException("vigil.detection.pipeline.gates names " + name
                        + ", which is no gate; there are " + all.stream().map(Gate::name).sorted().toList());
            }
            out.add(g);
        }
        if (!byName.isEmpty()) {
            LOG.warnf("gates %s are not in vigil.detection.pipeline.gates and do not run", byName.keySet());
        }
        this.ordered = List.copyOf(out);
    }

    /** True when every gate lets the match through, in order; the first that does not stops it. */
    public boolean admit(Match m) {
        for (Gate g : ordered) {
            if (!g.admit(m)) {
                return false;
            }
        }
        return true;
    }

    public List<String> names() {
        return ordered.stream().map(Gate::name).toList();
    }
}
