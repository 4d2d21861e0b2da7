package io.vigil.detection.engine.correlation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where correlation state lives. The engine hands each change of one group's state to the store, which
 * loads the state, applies the change and keeps the result: in memory for the offline scanner, in
 * PostgreSQL (in the transaction that stores the event) for the service, so state survives a restart.
 */
public interface CorrelationStore {

    /**
     * Applies {@code change} to the state of group {@code groupKey} of correlation {@code rule} for
     * {@code tenant} (a new, empty state when there is none) and keeps the changed state.
     */
    <T> T update(String tenant, CorrelationRule rule, String groupKey, Function<CorrelationState, T> change);

    /** State in a map of this process: lost on exit. */
    static CorrelationStore inMemory() {
        Map<String, CorrelationState> states = new ConcurrentHashMap<>();
        return new CorrelationStore() {
            @Override
            public <T> T update(String tenant, CorrelationRule rule, String groupKey, Function<CorrelationState, T> change) {
                CorrelationState s = states.computeIfAbsent(tenant + "\u0000" + rule.id() + "\u0000" + groupKey,
                        k -> new CorrelationState());
                synchronized (s) {
                    return change.apply(s);
                }
            }
        };
    }
}
