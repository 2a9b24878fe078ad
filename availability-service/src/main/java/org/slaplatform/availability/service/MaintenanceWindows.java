package org.slaplatform.availability.service;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.config.ServiceName;
import org.slaplatform.availability.domain.MaintenanceJudge;
import org.slaplatform.availability.mapping.MaintenanceWindowsView;
import org.slaplatform.availability.mapping.WindowChangeRequest;
import org.slaplatform.availability.mapping.WindowChangeView;
import org.slaplatform.availability.mapping.WindowShape;
import org.slaplatform.availability.repository.InstanceRepository;
import org.slaplatform.availability.repository.MaintenanceWindowChange;
import org.slaplatform.availability.repository.MaintenanceWindowChangeRepository;
import org.slaplatform.availability.repository.ServiceInstance;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MaintenanceWindowChanged;
import org.slaplatform.policy.MaintenanceRules;
import org.slaplatform.policy.MaintenanceWindow;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.calendar.WorkingInterval;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * IS-AVL-4, AVL-3: an account's recurring maintenance windows. The policy's windows apply until a
 * change takes effect; a change needs the policy's window-change notice (IS: "upon 5 days written
 * notice"): its {@code effectiveAt} is at least that long after the request, or, when the request
 * names none, exactly that long after. A request with less notice is refused (422), nothing stored.
 * Planned maintenance is judged against the windows in effect at its start.
 */
@ApplicationScoped
public class MaintenanceWindows {

    private static final Logger LOG = Logger.getLogger(MaintenanceWindows.class);
    static final int MAX_WINDOWS = 7;
    static final Duration MAX_AHEAD = Duration.ofDays(366);
    private static final TypeReference<List<WindowShape>> SHAPES = new TypeReference<>() {
    };

    private final MaintenanceWindowChangeRepository changes;
    private final InstanceRepository instances;
    private final TermsInForce policies;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final java.time.Clock clock;

    MaintenanceWindows(MaintenanceWindowChangeRepository changes, InstanceRepository instances, TermsInForce policies,
            Outbox outbox, ObjectMapper json, java.time.Clock clock) {
        this.changes = changes;
        this.instances = instances;
        this.policies = policies;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** IS-AVL-4: schedules the account's new windows; the account's customer or an admin asks. */
    public Uni<WindowChangeView> change(String accountId, WindowChangeRequest request, Caller caller) {
        String account = caller.accountForWrite(accountId);
        if (request == null) {
            throw ProblemException.badRequest("body", "must be a maintenance window change");
        }
        List<WindowShape> shapes = validate(request.windows());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> accountInstances(account).chain(affected -> {
            ServiceInstance any = affected.get(0);
            Policy policy = policies.now(any, now);
            Duration notice = notice(policy);
            Instant earliest = now.plus(notice);
            Instant effectiveAt = request.effectiveAt() == null ? earliest : request.effectiveAt().truncatedTo(ChronoUnit.MICROS);
            // Every date range-checked; a change is scheduled at most a year ahead.
            if (effectiveAt.isAfter(now.plus(MAX_AHEAD))) {
                throw ProblemException.badRequest("effectiveAt", "must not be after " + now.plus(MAX_AHEAD) + " (now plus "
                        + MAX_AHEAD + ")");
            }
            if (effectiveAt.isBefore(earliest)) {
                throw new ProblemException(Problem.of("insufficient-notice", "Not enough notice", 422,
                        "effectiveAt: " + effectiveAt + " is " + MaintenanceJudge.hours(Duration.between(now, effectiveAt))
                                + " after the request; policy " + policy.id() + " needs " + MaintenanceJudge.hours(notice)
                                + " written notice to change the maintenance window (IS-AVL-4): earliest " + earliest)
                        .withViolations(List.of(new Problem.Violation("effectiveAt",
                                "earliest " + earliest + " (" + MaintenanceJudge.hours(notice) + " notice, IS-AVL-4)"))));
            }
            return shapesAt(account, policy, effectiveAt).chain(previous -> {
                MaintenanceWindowChange change = new MaintenanceWindowChange();
                change.id = UUID.randomUUID();
                change.accountId = account;
                change.requestedAt = now;
                change.effectiveAt = effectiveAt;
                change.windows = write(shapes);
                change.requestedBy = caller.name();
                change.policy = policy.id();
                change.policyVersion = policy.version();
                WindowChangeView view = view(change, previous.shapes(), notice);
                MaintenanceWindowChanged event = new MaintenanceWindowChanged(change.id.toString(), account,
                        affected.stream().map(i -> i.instanceId).toList(), now, effectiveAt, events(shapes),
                        events(previous.shapes()), change.requestedBy, change.policy, change.policyVersion);
                return changes.persist(change)
                        .chain(() -> outbox.append(EventEnvelope.of(EventTypes.MAINTENANCE_WINDOW_CHANGED,
                                ServiceName.VALUE, account, now, event)))
                        .replaceWith(view);
            });
        })).invoke(v -> LOG.infof("maintenance windows of account %s change at %s to %s (IS-AVL-4)", v.accountId(),
                v.effectiveAt(), v.windows()));
    }

    /** AVL-3: the account's windows in effect at {@code at} and the changes still to come. */
    public Uni<MaintenanceWindowsView> at(String accountId, Instant at, Caller caller) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("account " + accountId);
        }
        Instant when = at == null ? clock.instant() : at;
        return Panache.withSession(() -> accountInstances(accountId).chain(affected -> {
            Policy policy = policies.now(affected.get(0), when);
            return shapesAt(accountId, policy, when).chain(current -> changes.pendingAfter(accountId, when)
                    .map(pending -> new MaintenanceWindowsView(accountId, when, current.shapes(),
                            current.change() == null ? null : current.change().id.toString(),
                            current.change() == null ? null : current.change().effectiveAt,
                            pending.stream().map(c -> view(c, List.of(), notice(policy))).toList())));
        }));
    }

    /** AVL-3: the windows planned maintenance starting at {@code at} is judged against, inside the caller's session. */
    Uni<List<MaintenanceWindow>> windowsAt(String accountId, Policy policy, Instant at) {
        return shapesAt(accountId, policy, at).map(current -> current.change() == null
                ? policy.maintenance().map(MaintenanceRules::windows).orElse(List.of())
                : current.shapes().stream().map(MaintenanceWindows::window).toList());
    }

    private record Current(MaintenanceWindowChange change, List<WindowShape> shapes) {
    }

    private Uni<Current> shapesAt(String accountId, Policy policy, Instant at) {
        return changes.inEffect(accountId, at).map(change -> change == null
                ? new Current(null, policy.maintenance().map(MaintenanceRules::windows).orElse(List.of()).stream()
                        .map(MaintenanceWindows::shape).toList())
                : new Current(change, read(change.windows)));
    }

    /** The policy's window-change notice; a policy without windows or without that notice allows no change. */
    private static Duration notice(Policy policy) {
        MaintenanceRules rules = policy.maintenance().orElse(null);
        if (rules == null || rules.windows().isEmpty() || rules.windowChangeNotice() == null) {
            throw new ProblemException(Problem.of("window-change-not-allowed", "Maintenance window cannot be changed", 422,
                    "policy " + policy.id() + (rules == null || rules.windows().isEmpty() ? " sets no maintenance window"
                            : " says nothing about changing its maintenance window") + " (AVL-3, IS-AVL-4)"));
        }
        return rules.windowChangeNotice();
    }

    private Uni<List<ServiceInstance>> accountInstances(String accountId) {
        return instances.activeOfAccount(accountId).map(list -> {
            if (list.isEmpty()) {
                throw new ProblemException(Problem.of("unknown-account", "Unknown account", 422,
                        "accountId: account " + accountId + " has no monitored instances")
                        .withViolations(List.of(new Problem.Violation("accountId", "has no monitored instances"))));
            }
            return list;
        });
    }

    /** Each window in the policy's shape, or a 400 naming {@code windows[i].field}. */
    static List<WindowShape> validate(List<WindowShape> windows) {
        if (windows == null || windows.isEmpty()) {
            throw ProblemException.badRequest("windows", "must hold at least one window");
        }
        if (windows.size() > MAX_WINDOWS) {
            throw ProblemException.badRequest("windows", "at most " + MAX_WINDOWS + " windows");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        List<WindowShape> valid = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            WindowShape w = windows.get(i);
            String at = "windows[" + i + "].";
            if (w == null) {
                violations.add(new Problem.Violation("windows[" + i + "]", "must be a window"));
                continue;
            }
            int before = violations.size();
            String id = w.id() == null || w.id().isBlank() ? "window-" + (i + 1) : w.id().trim();
            if (id.length() > 50) {
                violations.add(new Problem.Violation(at + "id", "at most 50 characters"));
            }
            MaintenanceWindow.Recurrence every = null;
            try {
                every = w.every() == null || w.every().length() > 20 ? null
                        : MaintenanceWindow.Recurrence.valueOf(w.every().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                every = null;
            }
            if (every == null) {
                violations.add(new Problem.Violation(at + "every", "must be one of DAY, WEEK, MONTH"));
            }
            DayOfWeek weekday = null;
            if (w.weekday() != null && w.weekday().length() > 20) {
                violations.add(new Problem.Violation(at + "weekday", "must be MONDAY ... SUNDAY"));
            } else if (w.weekday() != null) {
                try {
                    weekday = DayOfWeek.valueOf(w.weekday().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    violations.add(new Problem.Violation(at + "weekday", "must be MONDAY ... SUNDAY"));
                }
            }
            if (every == MaintenanceWindow.Recurrence.DAY && (w.weekday() != null || w.nth() != null)) {
                violations.add(new Problem.Violation(at + (w.weekday() != null ? "weekday" : "nth"),
                        "a daily window has no weekday or nth"));
            }
            if ((every == MaintenanceWindow.Recurrence.WEEK || every == MaintenanceWindow.Recurrence.MONTH) && w.weekday() == null) {
                violations.add(new Problem.Violation(at + "weekday", "is required for a " + every.name().toLowerCase(Locale.ROOT)
                        + "ly window"));
            }
            if (every == MaintenanceWindow.Recurrence.WEEK && w.nth() != null) {
                violations.add(new Problem.Violation(at + "nth", "a weekly window has no nth"));
            }
            if (every == MaintenanceWindow.Recurrence.MONTH && (w.nth() == null || w.nth() < 1 || w.nth() > 5)) {
                violations.add(new Problem.Violation(at + "nth", "must be 1 to 5 for a monthly window (the nth weekday)"));
            }
            if (w.hours() != null && w.hours().length() > 20) {
                violations.add(new Problem.Violation(at + "hours", "at most 20 characters, like 00:00-03:00"));
            } else if (w.hours() == null) {
                violations.add(new Problem.Violation(at + "hours", "is required, like 00:00-03:00"));
            } else {
                try {
                    WorkingInterval.parse(w.hours().trim());
                } catch (IllegalArgumentException e) {
                    violations.add(new Problem.Violation(at + "hours", "must be local hours like 00:00-03:00 within one day: "
                            + e.getMessage()));
                }
            }
            if (w.zone() != null && w.zone().length() > 64) {
                violations.add(new Problem.Violation(at + "zone", "at most 64 characters, like America/New_York"));
            } else if (w.zone() == null) {
                violations.add(new Problem.Violation(at + "zone", "is required, like America/New_York"));
            } else {
                try {
                    ZoneId.of(w.zone().trim());
                } catch (DateTimeException e) {
                    violations.add(new Problem.Violation(at + "zone", "unknown time zone " + w.zone()));
                }
            }
            if (violations.size() == before) {
                valid.add(new WindowShape(id, every.name(), weekday == null ? null : weekday.name(), w.nth(), w.hours().trim(),
                        w.zone().trim()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-input", "Invalid input", 400,
                    violations.get(0).field() + ": " + violations.get(0).message()).withViolations(violations));
        }
        return valid;
    }

    static MaintenanceWindow window(WindowShape s) {
        return new MaintenanceWindow(s.id(), MaintenanceWindow.Recurrence.valueOf(s.every()),
                s.weekday() == null ? null : DayOfWeek.valueOf(s.weekday()), s.nth(), s.hours(), s.zone());
    }

    static WindowShape shape(MaintenanceWindow w) {
        return new WindowShape(w.id(), w.every().name(), w.weekday() == null ? null : w.weekday().name(), w.nth(), w.hours(),
                w.zone());
    }

    private static List<MaintenanceWindowChanged.Window> events(List<WindowShape> shapes) {
        return shapes.stream().map(s -> new MaintenanceWindowChanged.Window(s.id(), s.every(), s.weekday(), s.nth(), s.hours(),
                s.zone())).toList();
    }

    private WindowChangeView view(MaintenanceWindowChange c, List<WindowShape> previous, Duration notice) {
        return new WindowChangeView(c.id.toString(), c.accountId, c.requestedAt, c.effectiveAt, read(c.windows), previous,
                notice.toString(), c.requestedBy, c.policy, c.policyVersion);
    }

    private String write(List<WindowShape> shapes) {
        try {
            return json.writeValueAsString(shapes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<WindowShape> read(String text) {
        try {
            return json.readValue(text, SHAPES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maintenance window change holds unreadable windows: " + text, e);
        }
    }
}
