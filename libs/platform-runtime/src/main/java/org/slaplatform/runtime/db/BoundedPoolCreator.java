package org.slaplatform.runtime.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive pool every service uses, with a bounded wait: a request that cannot get a connection
 * within {@code platform.db.acquire-timeout}, or that finds {@code platform.db.max-wait-queue} requests
 * already waiting, fails at once instead of queueing for Vert.x's default 30 s behind an unbounded
 * queue. {@link org.slaplatform.runtime.problem.ProblemMappers} answers that failure 503 with
 * {@code Retry-After}, so an overloaded service sheds load and says so instead of answering 500.
 */
@Singleton
public class BoundedPoolCreator implements PgPoolCreator {

    private final Duration acquireTimeout;
    private final int maxWaitQueue;

    BoundedPoolCreator(@ConfigProperty(name = "platform.db.acquire-timeout", defaultValue = "5s") Duration acquireTimeout,
            @ConfigProperty(name = "platform.db.max-wait-queue", defaultValue = "1000") int maxWaitQueue) {
        this.acquireTimeout = acquireTimeout;
        this.maxWaitQueue = maxWaitQueue;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) Math.max(1, acquireTimeout.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(maxWaitQueue);
        return PgBuilder.pool()
                .with(options)
                .connectingTo(List.copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
