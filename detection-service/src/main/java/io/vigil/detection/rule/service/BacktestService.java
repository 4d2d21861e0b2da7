package io.vigil.detection.rule.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.detection.rule.rest.BacktestRequest;
import io.vigil.detection.rule.rest.BacktestResult;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a rule over stored events, page by page, without raising anything: how noisy would it be? */
@ApplicationScoped
public class BacktestService {

    static final int MAX_EVENTS = 200_000;
    private static final int PAGE = 1_000;

    private final EventRepository events;
    private final CurrentTenant current;
    private final ObjectMapper mapper;

    public BacktestService(EventRepository events, CurrentTenant current, ObjectMapper mapper) {
        this.events = events;
        this.current = current;
        this.mapper = mapper;
    }

    @Transactional
    public BacktestResult run(BacktestRequest req) {
        SigmaRule rule = RuleService.compile(req.rule());
        String tenants = current.settingFor(req.tenantId());
        if (!req.from().isBefore(req.to())) {
            throw new ProblemException.Unprocessable("from must be before to",
                    List.of(new Problem.FieldError("from", "must be before to")));
        }
        RuleSet set = new RuleSet(LogsourceMapping.defaults()).add(rule);
        long evaluated = 0;
        long matched = 0;
        List<BacktestResult.Match> first = new ArrayList<>();
        java.time.Instant beforeTs = null;
        java.util.UUID beforeId = null;
        boolean truncated = false;
        while (true) {
            List<EventRepository.Row> page = events.hunt(tenants, req.from(), req.to(), null, Map.of(), beforeTs,
                    beforeId, PAGE);
            for (EventRepository.Row r : page) {
                evaluated++;
                try {
                    if (!set.match(EventFlattener.flatten(mapper.readTree(r.doc()))).isEmpty()) {
                        matched++;
                        if (first.size() < 100) {
                            first.add(new BacktestResult.Match(r.tenantId(), r.id(), r.ts()));
                        }
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    // a stored event is always JSON; skip rather than fail the whole backtest
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            if (evaluated >= MAX_EVENTS) {
                truncated = true;
                break;
            }
            EventRepository.Row last = page.get(page.size() - 1);
            beforeTs = last.ts();
            beforeId = last.id();
        }
        return new BacktestResult(rule.id(), rule.title(), evaluated, matched, first, truncated);
    }
}
