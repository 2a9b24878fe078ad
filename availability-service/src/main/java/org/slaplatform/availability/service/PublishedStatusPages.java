package org.slaplatform.availability.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.domain.Actor;
import org.slaplatform.availability.mapping.StatusPagePublication;
import org.slaplatform.availability.repository.StatusPageStore;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * QNT-AVL-6: status pages are public only by the account's choice, under a slug, and
 * anonymous traffic costs no database work per request. Each service instance keeps the map of
 * published slugs and each rendered page for {@link #TTL}: a request for an unknown slug, or for a
 * page rendered less than {@link #TTL} ago, is answered from memory. Publishing and unpublishing take
 * effect at once on the instance that handled them, within {@link #TTL} on the others.
 */
@ApplicationScoped
public class PublishedStatusPages {

    /** How long the slug map and a rendered page are served from memory. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** A chosen slug: lower-case letters, digits and hyphens, 3 to 63 characters. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");

    private static final Logger LOG = Logger.getLogger(PublishedStatusPages.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cached for a published account without monitored instances: a 404 from memory too. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String NO_PAGE = new String("no page");

    private final Pool pool;
    private final StatusPageStore store;
    private final StatusPage page;
    private final Clock clock;

    private volatile Map<String, String> accountBySlug = Map.of();
    private volatile long slugsLoadedAt = Long.MIN_VALUE;
    /** Rendered pages by slug and then environment ("" = all); with the environments the account has. */
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(String accountId, Set<String> environments, Map<String, String> html, long at) {
    }

    PublishedStatusPages(Pool pool, StatusPageStore store, StatusPage page, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.page = page;
        this.clock = clock;
    }

    /** The page of {@code slug} (one environment of it, when given), or null: the caller answers a uniform 404. */
    public Uni<String> html(String slug, String environment) {
        return slugs().chain(slugs -> {
            String accountId = slugs.get(slug);
            if (accountId == null) {
                return Uni.createFrom().nullItem();
            }
            String env = environment == null ? "" : environment;
            Rendered cached = rendered.get(slug);
            if (cached != null && cached.accountId().equals(accountId) && fresh(cached.at())) {
                if (!env.isEmpty() && !cached.environments().contains(env)) {
                    return Uni.createFrom().nullItem();
                }
                String html = cached.html().get(env);
                if (html != null) {
                    return Uni.createFrom().item(html == NO_PAGE ? null : html);
                }
                return page.render(accountId, environment).invoke(h -> cached.html().put(env, h == null ? NO_PAGE : h));
            }
            return page.environments(accountId).chain(envs -> {
                if (!env.isEmpty() && !envs.contains(env)) {
                    rendered.put(slug, new Rendered(accountId, envs, new ConcurrentHashMap<>(), System.nanoTime()));
                    return Uni.createFrom().nullItem();
                }
                return page.render(accountId, environment).invoke(h -> {
                    Map<String, String> html = new ConcurrentHashMap<>();
                    html.put(env, h == null ? NO_PAGE : h);
                    rendered.put(slug, new Rendered(accountId, envs, html, System.nanoTime()));
                });
            });
        });
    }

    /** Publishes (or renames) the account's page; the account's customer or an admin. */
    public Uni<StatusPagePublication> publish(String accountId, StatusPagePublication request, Caller caller, Actor actor) {
        String account = caller.accountForWrite(accountId);
        // Issue 17: the account is the path's, the path and the time the service's; a body naming other
        // values was taken and silently ignored.
        if (request != null && request.accountId() != null && !request.accountId().equals(account)) {
            throw ProblemException.badRequest("accountId", "is the path's account, " + account + "; leave it out");
        }
        if (request != null && request.path() != null) {
            throw ProblemException.badRequest("path", "is set by the service; leave it out");
        }
        if (request != null && request.publishedAt() != null) {
            throw ProblemException.badRequest("publishedAt", "is set by the service; leave it out");
        }
        String requested = request == null ? null : request.slug();
        String slug;
        if (requested == null || requested.isBlank()) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            slug = HexFormat.of().formatHex(bytes);
        } else if (requested.length() > 63 || !SLUG.matcher(requested).matches()) {
            throw ProblemException.badRequest("slug", "must be 3 to 63 lower-case letters, digits and hyphens, "
                    + "starting with a letter or digit (or left out for an unguessable one)");
        } else {
            slug = requested;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(conn -> store.takenByOther(conn, slug, account).chain(taken -> {
            if (taken) {
                throw new ProblemException(Problem.of("slug-taken", "Slug taken", 409, "slug: " + slug
                        + " is taken").withViolations(java.util.List.of(new Problem.Violation("slug", "is taken"))));
            }
            return store.publish(conn, account, slug, now, actor.subject());
        })).map(v -> {
            slugsLoadedAt = Long.MIN_VALUE; // this instance sees the change at once
            rendered.clear();
            LOG.infof("status page of account %s published as %s by %s", account, slug, actor.subject());
            return new StatusPagePublication(account, slug, "/status/" + slug, now);
        });
    }

    public Uni<Void> unpublish(String accountId, Caller caller, Actor actor) {
        String account = caller.accountForWrite(accountId);
        return store.unpublish(account).invoke(() -> {
            slugsLoadedAt = Long.MIN_VALUE;
            rendered.clear();
            LOG.infof("status page of account %s unpublished by %s", account, actor.subject());
        });
    }

    public Uni<StatusPagePublication> get(String accountId, Caller caller) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("status page of account " + accountId);
        }
        return store.find(accountId).map(published -> {
            if (published == null) {
                throw ProblemException.notFound("status page of account " + accountId);
            }
            return new StatusPagePublication(accountId, published.slug(), "/status/" + published.slug(), published.publishedAt());
        });
    }

    private Uni<Map<String, String>> slugs() {
        if (fresh(slugsLoadedAt)) {
            return Uni.createFrom().item(accountBySlug);
        }
        long at = System.nanoTime();
        return store.accountsBySlug().map(map -> {
            accountBySlug = Map.copyOf(map);
            slugsLoadedAt = at;
            return accountBySlug;
        });
    }

    private static boolean fresh(long at) {
        return at != Long.MIN_VALUE && System.nanoTime() - at < TTL.toNanos();
    }
}
