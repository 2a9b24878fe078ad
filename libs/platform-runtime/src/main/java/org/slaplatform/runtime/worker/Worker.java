package org.slaplatform.runtime.worker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slaplatform.runtime.health.Heartbeats;

/**
 * A named background loop on a thread of its own, the one every service's background work runs on
 * (docs/architecture.md, decision 2). It asks its {@link Job} for a turn, then waits as the turn says:
 * not at all while more is waiting, else until a wake-up or at most the poll interval. A wake-up is the
 * NOTIFY a commit sends on the worker's channel ({@code LISTEN <schema>_<table>} on a connection of its
 * own) or a {@link #wakeUp()} from this JVM. A failed turn is retried after a capped exponential
 * back-off, on a new LISTEN connection (the old one may have died with the database). Each successful
 * turn beats the worker's heartbeat, which the {@code loops-and-consumers} health check reads.
 * <p>
 * Started and stopped by its owner (a service's startup and shutdown); it can be started again.
 */
public final class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    /** The longest single read for notifications, so that a stop or an in-JVM wake-up is seen promptly. */
    private static final int SLICE_MILLIS = 200;

    private final WorkerSettings settings;
    private final DataSource dataSource;
    private final Heartbeats heartbeats;
    private final Job job;
    private final Semaphore wake = new Semaphore(0);
    private Loop loop;

    /**
     * @param dataSource where the LISTEN connection comes from; unused (may be null) without a channel
     */
    public Worker(WorkerSettings settings, DataSource dataSource, Heartbeats heartbeats, Job job) {
        if (settings.channel() != null && dataSource == null) {
            throw new IllegalArgumentException(settings.name() + ": a worker listening on a channel needs a data source");
        }
        this.settings = settings;
        this.dataSource = dataSource;
        this.heartbeats = heartbeats;
        this.job = job;
    }

    /** Starts the thread and the heartbeat; a no-op while running. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = new Loop(heartbeats.loop(settings.name(), settings.pollInterval()));
        loop.thread.start();
    }

    /**
     * Stops after the turn in flight (a job's transaction either commits or rolls back, never half) and
     * takes the heartbeat off the health check; waits up to {@code timeout} for the thread to end.
     */
    public synchronized void stop(Duration timeout) {
        if (loop == null) {
            return;
        }
        Loop stopping = loop;
        loop = null;
        stopping.running = false;
        stopping.beats.stop();
        stopping.thread.interrupt();
        try {
            stopping.thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop(Duration)} waiting up to 10 s. */
    public void stop() {
        stop(Duration.ofSeconds(10));
    }

    /** Asks for a turn now (work was committed in this JVM), ending the current wait. */
    public void wakeUp() {
        wake.release();
    }

    /** One run of the worker, from a start to its stop: its thread, heartbeat and LISTEN connection. */
    private final class Loop {

        private final Thread thread;
        private final Heartbeats.Heartbeat beats;
        private volatile boolean running = true;
        private Connection listener;
        private PGConnection notifications;

        Loop(Heartbeats.Heartbeat beats) {
            this.beats = beats;
            this.thread = new Thread(this::run, settings.name());
            thread.setDaemon(true);
        }

        private void run() {
            int failures = 0;
            try {
                while (running) {
                    long turnStarted = System.nanoTime();
                    Next next;
                    try {
                        listen();
                        next = job.turn();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        if (!running) {
                            return;
                        }
                        failures++;
                        Duration pause = settings.pauseAfter(failures);
                        LOG.warnf("%s failed (%d in a row), retrying in %s: %s", settings.name(), failures, pause,
                                e.toString());
                        closeListener();
                        Thread.sleep(pause.toMillis());
                        continue;
                    }
                    failures = 0;
                    beats.beat();
                    try {
                        await(next, turnStarted);
                    } catch (SQLException e) {
                        if (!running) {
                            return;
                        }
                        // the LISTEN connection broke (a database restart): the next turn listens anew
                        LOG.warnf("%s lost its LISTEN connection, reconnecting: %s", settings.name(), e.toString());
                        closeListener();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeListener();
            }
        }

        /** Opens the LISTEN connection if the worker has a channel and none is open. */
        private void listen() throws SQLException {
            if (settings.channel() == null || listener != null) {
                return;
            }
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen \"" + currentSchema(connection) + "_" + settings.channel() + "\"");
                }
                notifications = connection.unwrap(PGConnection.class);
                listener = connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        private void await(Next next, long turnStarted) throws SQLException, InterruptedException {
            if (next.delay() != null && next.delay().isZero()) {
                return;
            }
            if (next.sleep()) {
                Thread.sleep(next.delay().toMillis());
                drainWakeUps();
                return;
            }
            Duration wait = next.delay() == null || next.delay().compareTo(settings.pollInterval()) > 0
                    ? settings.pollInterval() : next.delay();
            long deadline = System.nanoTime() + wait.toNanos();
            boolean over = false;
            while (running && !over) {
                over = waitSlice(deadline);
            }
            long gathering = turnStarted + settings.gather().toNanos() - System.nanoTime();
            if (gathering > 0) {
                TimeUnit.NANOSECONDS.sleep(gathering);
            }
            drainWakeUps();
        }

        /** Waits one slice at most; true when woken up or when the deadline has passed. */
        private boolean waitSlice(long deadline) throws SQLException, InterruptedException {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                return true;
            }
            if (notifications == null) {
                return wake.tryAcquire(remaining, TimeUnit.MILLISECONDS);
            }
            if (wake.tryAcquire()) {
                return true;
            }
            // a timeout of 0 would block for good: at least 1 ms
            PGNotification[] received = notifications.getNotifications((int) Math.max(1, Math.min(remaining, SLICE_MILLIS)));
            return received != null && received.length > 0;
        }

        /** The wake-ups that came meanwhile are served by the next turn: they need no turn of their own. */
        private void drainWakeUps() throws SQLException {
            wake.drainPermits();
            if (notifications != null) {
                notifications.getNotifications();
            }
        }

        private void closeListener() {
            if (listener == null) {
                return;
            }
            // through the pool's wrapper: on a connection the database dropped, this statement fails and the
            // pool's exception sorter discards the connection instead of lending it again
            try (Statement statement = listener.createStatement()) {
                statement.execute("unlisten *");
            } catch (SQLException e) {
                LOG.debugf("%s: leaving the channel: %s", settings.name(), e.toString());
            }
            try {
                listener.close();
            } catch (SQLException e) {
                LOG.debugf("%s: closing the LISTEN connection: %s", settings.name(), e.toString());
            }
            listener = null;
            notifications = null;
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
