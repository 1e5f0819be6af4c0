package io.headroom.experiment;

import io.headroom.yaml.BadInputException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Daemon threads for independent runs — replications, compared designs, sweep points — and how
 * their outcomes come back: a run's own {@link BadInputException} or unchecked exception is
 * rethrown as it was thrown, anything else wrapped. Closing it stops whatever is still running.
 */
final class RunPool implements AutoCloseable {
    private final ExecutorService pool;

    RunPool(int threads, String name) {
        pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    ExecutorService executor() {
        return pool;
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /** The task's result, waiting for it. */
    static <T> T result(Future<T> f) throws BadInputException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The next task of {@code done} to finish, and its result. */
    static <T> T next(CompletionService<T> done) throws BadInputException {
        try {
            return result(done.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
