package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.time.Instants;
import org.slaplatform.ticket.config.ServiceName;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;
import org.slaplatform.ticket.domain.Release;
import org.slaplatform.ticket.domain.ReleaseSupport;
import org.slaplatform.ticket.domain.ReleaseVersion;
import org.slaplatform.ticket.mapping.ProductRequest;
import org.slaplatform.ticket.mapping.ProductView;
import org.slaplatform.ticket.repository.Product;
import org.slaplatform.ticket.repository.ProductRelease;
import org.slaplatform.ticket.repository.ProductReleaseRepository;
import org.slaplatform.ticket.repository.ProductRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Products and release histories (IS-LIFE-1); support status derived by the product's policy. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final ProductReleaseRepository releases;
    private final IntakeRulesCatalog rules;
    private final Outbox outbox;
    private final Clock clock;

    ProductService(ProductRepository products, ProductReleaseRepository releases, IntakeRulesCatalog rules,
            Outbox outbox, Clock clock) {
        this.products = products;
        this.releases = releases;
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<ProductView> put(String productId, ProductRequest request) {
        if (!rules.knows(request.policy())) {
            throw ProblemException.badRequest("policy", "unknown policy; known: " + rules.policies());
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // a product names a policy, not a version: its releases are judged under the version in force
        IntakeRules policy = rules.inForce(request.policy(), Instants.utc(now).toLocalDate());
        List<ProductRequest.ReleaseRequest> wanted = request.releases() == null ? List.of() : request.releases();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            ProductRequest.ReleaseRequest r = wanted.get(i);
            if (!seen.add(r.version())) {
                throw ProblemException.badRequest("releases[" + i + "].version", "appears twice");
            }
            // IS-LIFE-1 x.x.x.x, ITC major.minor: the scheme is the policy's
            String refusal = policy.versionSupport() == null ? null : policy.versionSupport().schemeRefusal(r.version());
            if (refusal != null) {
                throw ProblemException.badRequest("releases[" + i + "].version", refusal + " (policy " + request.policy() + ")");
            }
            if (r.endOfSales() != null && r.generalAvailability() != null && r.endOfSales().isBefore(r.generalAvailability())) {
                throw ProblemException.badRequest("releases[" + i + "].endOfSales", "must not be before generalAvailability");
            }
        }
        List<String> platforms = request.platforms() == null ? List.of() : request.platforms();
        Set<String> platformSeen = new HashSet<>();
        for (int i = 0; i < platforms.size(); i++) {
            if (!platformSeen.add(platforms.get(i))) {
                throw ProblemException.badRequest("platforms[" + i + "]", "appears twice");
            }
        }
        return Panache.withTransaction(() -> products.findById(productId, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    Product product = found != null ? found : new Product();
                    product.id = productId;
                    product.name = request.name().strip();
                    product.policy = request.policy();
                    product.revision = found == null ? 1 : found.revision + 1;
                    product.platforms = String.join(",", platforms);
                    product.updatedAt = now;
                    return products.persist(product);
                })
                .call(() -> releases.deleteOfProduct(productId))
                .call(() -> releases.flush())
                .chain(product -> {
                    List<ProductRelease> rows = wanted.stream().map(r -> release(productId, r)).toList();
                    if (rows.isEmpty()) {
                        // a product without releases yet: persisting an empty list fails in Panache ("The Uni set is empty")
                        return Uni.createFrom().item(product);
                    }
                    return releases.persist(rows).call(() -> releases.flush()).replaceWith(product);
                })
                .chain(product -> releases.ofProduct(productId).chain(rows -> {
                    List<Release> history = rows.stream().map(ProductRelease::toRelease).toList();
                    LocalDate today = Instants.utc(now).toLocalDate();
                    List<ProductChanged.Release> published = history.stream()
                            .map(r -> ReleaseSupport.judge(r, history, policy.versionSupport(), today).withDerivedMilestones())
                            .map(r -> new ProductChanged.Release(r.version(), r.generalAvailability(), r.deliveredOn(),
                                    r.endOfSales(), r.endOfMainstreamSupport(), r.endOfLife()))
                            .toList();
                    ProductChanged changed = new ProductChanged(productId, product.name, product.policy, product.revision,
                            published, now, product.platformList());
                    return outbox.append(EventEnvelope.of(EventTypes.PRODUCT_CHANGED, ServiceName.VALUE, productId,
                            now, changed)).replaceWith(view(product, history, policy, today));
                })));
    }

    public Uni<ProductView> get(String productId, LocalDate on) {
        LocalDate day = on != null ? on : Instants.utc(clock.instant()).toLocalDate();
        return Panache.withSession(() -> products.findById(productId).chain(product -> {
            if (product == null) {
                throw ProblemException.notFound("product " + productId);
            }
            return releases.ofProduct(productId).map(rows -> view(product,
                    rows.stream().map(ProductRelease::toRelease).toList(), rules.inForce(product.policy, day), day));
        }));
    }

    private static ProductView view(Product product, List<Release> history, IntakeRules policy, LocalDate on) {
        List<ProductView.ReleaseView> views = history.stream()
                .sorted(java.util.Comparator.comparing(Release::parsed))
                .map(r -> {
                    ReleaseSupport.Judged judged = ReleaseSupport.judge(r, history, policy.versionSupport(), on);
                    return new ProductView.ReleaseView(r.version(), r.generalAvailability(), r.deliveredOn(),
                            r.endOfSales(), judged.endOfMainstreamSupport(), judged.endOfLife(), judged.supportedUntil(),
                            judged.status().name());
                }).toList();
        return new ProductView(product.id, product.name, product.policy, product.revision, on, views,
                product.platformList());
    }

    private static ProductRelease release(String productId, ProductRequest.ReleaseRequest r) {
        ProductRelease row = new ProductRelease();
        row.productId = productId;
        row.version = r.version();
        row.major = ReleaseVersion.parse(r.version()).major();
        row.generalAvailability = r.generalAvailability();
        row.deliveredOn = r.deliveredOn();
        row.endOfSales = r.endOfSales();
        row.endOfMainstreamSupport = r.endOfMainstreamSupport();
        row.endOfLife = r.endOfLife();
        return row;
    }
}
