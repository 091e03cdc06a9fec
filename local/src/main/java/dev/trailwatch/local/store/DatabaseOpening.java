package dev.trailwatch.local.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Opens the local database on a thread of its own, so that the first files are read while DynamoDB Local starts and
 * creates its table (half a second on one core otherwise): the store calls wait for it ({@link #database()}). A
 * database that cannot be opened ends the run with its own error ({@link #await()}), as if it had been opened first.
 */
public final class DatabaseOpening implements AutoCloseable {

    private final CompletableFuture<LocalDatabase> opened = new CompletableFuture<>();
    private final Thread thread;

    /** @param open opens the database; what it throws is what {@link #await()} throws */
    public DatabaseOpening(Supplier<LocalDatabase> open) {
        thread = new Thread(() -> {
            try {
                opened.complete(open.get());
            } catch (Throwable t) {
                opened.completeExceptionally(t);
            }
        }, "trailwatch-database");
        thread.setDaemon(true);
        thread.start();
    }

    /** The database once it is open; completed exceptionally if it could not be. */
    public CompletableFuture<LocalDatabase> database() {
        return opened;
    }

    /** True once opening has failed: files not yet begun need not be read. */
    public boolean failed() {
        return opened.isCompletedExceptionally();
    }

    /** The open database, waiting for it; rethrows what opening threw. */
    public LocalDatabase await() throws InterruptedException {
        try {
            return opened.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits for the opening to end and closes the database if it opened. */
    @Override
    public void close() throws Exception {
        thread.join();
        if (!opened.isCompletedExceptionally()) {
            opened.join().close();
        }
    }
}
