package org.slaplatform.ticket.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.ticket.config.TicketConfig;
import org.slaplatform.ticket.repository.TicketRepository;
import org.slaplatform.ticket.repository.TicketRepository.NewTicketRows;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Group commit of intakes that need no other write (no quota unit): the tickets filed while earlier
 * ones are being written wait, and are then written together by one statement
 * ({@link TicketRepository#insertAll}), one commit, one outbox NOTIFY; each request is answered after
 * that commit. Under load this divides PostgreSQL's per-statement and per-commit cost (parse, bind,
 * executor start, WAL flush, the outbox trigger) by the group's size; alone, a ticket is written at
 * once, as before.
 *
 * <p>Guarantees per ticket are those of one statement: a ticket, its audit line and its outbox rows
 * commit together or not at all. A group is all or nothing too, so when its statement fails each of
 * its tickets is written again alone, in a statement of its own: a ticket that cannot be written fails
 * its own request and no other (its neighbours' rows were rolled back with the group's statement, so
 * nothing is written twice). At most {@code ticket.intake.group-commit.max-in-flight} statements run at
 * a time, each with at most {@code ticket.intake.group-commit.max-batch} tickets; {@code max-batch=1}
 * writes every ticket by a statement of its own.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final Pool pool;
    private final TicketRepository tickets;
    private final int maxBatch;
    private final int maxInFlight;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    private record Waiting(NewTicketRows rows, Context context, UniEmitter<? super Void> emitter) {
    }

    GroupCommit(Pool pool, TicketRepository tickets, TicketConfig config) {
        this.pool = pool;
        this.tickets = tickets;
        this.maxBatch = Math.max(1, config.intake().groupCommit().maxBatch());
        this.maxInFlight = Math.max(1, config.intake().groupCommit().maxInFlight());
    }

    /** Writes {@code rows}, alone or with the tickets filed at the same time; completes after the commit. */
    public Uni<Void> write(NewTicketRows rows) {
        return Uni.createFrom().emitter(emitter -> {
            List<Waiting> group;
            synchronized (this) {
                waiting.add(new Waiting(rows, Vertx.currentContext(), emitter));
                if (inFlight >= maxInFlight) {
                    return; // written by the statement after one of those in flight
                }
                inFlight++;
                group = take();
            }
            send(group);
        });
    }

    /** The next group, oldest first; under the lock. */
    private List<Waiting> take() {
        int n = Math.min(waiting.size(), maxBatch);
        List<Waiting> group = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            group.add(waiting.poll());
        }
        return group;
    }

    private void send(List<Waiting> group) {
        tickets.insertAll(pool, group.stream().map(Waiting::rows).toList()).subscribe().with(written -> {
            group.forEach(w -> answer(w, null));
            next();
        }, failure -> {
            if (group.size() == 1) {
                answer(group.get(0), failure);
                next();
                return;
            }
            // the group's statement wrote nothing: each ticket alone, so that one bad row fails only its request
            LOG.debugf("group of %d tickets failed (%s): writing each alone", group.size(), failure);
            AtomicInteger left = new AtomicInteger(group.size());
            for (Waiting w : group) {
                tickets.insertAll(pool, List.of(w.rows())).subscribe().with(written -> {
                    answer(w, null);
                    if (left.decrementAndGet() == 0) {
                        next();
                    }
                }, alone -> {
                    answer(w, alone);
                    if (left.decrementAndGet() == 0) {
                        next();
                    }
                });
            }
        });
    }

    /** Sends the tickets that gathered meanwhile, or gives the slot back when none did. */
    private void next() {
        List<Waiting> group;
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight--;
                return;
            }
            group = take();
        }
        send(group);
    }

    /** Completes a request on its own Vert.x context (the statement's callback runs on the group's first). */
    private static void answer(Waiting w, Throwable failure) {
        Runnable complete = failure == null ? () -> w.emitter().complete(null) : () -> w.emitter().fail(failure);
        if (w.context() == null) {
            complete.run();
        } else {
            w.context().runOnContext(ignored -> complete.run());
        }
    }
}
