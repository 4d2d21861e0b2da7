package io.vigil.detection;

import io.quarkus.arc.Arc;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import java.util.concurrent.Callable;

/** Runs a test's call to background work as the service's schedulers do: in a request context, as the system. */
final class AsSystem {

    private AsSystem() {
    }

    static <T> T call(Callable<T> work) throws Exception {
        var ctx = Arc.container().requestContext();
        ctx.activate();
        try {
            Arc.container().instance(CurrentTenant.class).get().set(TenantContext.system("test"));
            return work.call();
        } finally {
            ctx.terminate();
        }
    }
}
