package dev.trailwatch.local.run;

import dev.trailwatch.core.RetryableProcessingException;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import dev.trailwatch.core.store.EventStore;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lets the files of a run be read at once but stored one at a time, in path order: the store calls made for a
 * file wait until every file before it is done. An event found in several files is therefore stored and alerted
 * from the first of them in path order, whatever {@code --threads}, as a one-thread run does: its item's
 * sourceObject and content, its alert's "Log file", and so the run's three output files, do not depend on
 * {@code --threads}. So does an alert's context (what the table held of the principal when the alert was made): the
 * look-ups wait for their turn like the writes, so they see the files before in path order, never the files after.
 *
 * <p>Reading, the costly part, still runs in parallel. A file without a kept event never calls the store, so it
 * never waits. A file that waits holds what its thread held anyway: one chunk of events (the core stores in
 * chunks) and the reader's buffers, so memory stays bounded by the number of threads. While it waits it gives its
 * {@link ReadingSlots reading slot} to the next file, so that the cores read on.
 */
public final class InPathOrder implements EventStore {

    /** The store, once it can be used: the local database may still be opening while the first files are read. */
    private final CompletableFuture<? extends EventStore> store;
    /** The file this thread is processing; -1 for a thread that processes none. */
    private final ThreadLocal<Integer> currentFile = ThreadLocal.withInitial(() -> -1);
    private final BitSet done = new BitSet();
    /** Every file before this index is done. */
    private int next;
    private final ReadingSlots slots;

    public InPathOrder(EventStore store) {
        this(CompletableFuture.completedFuture(store), null);
    }

    /** @param slots given back by a file while it waits for its turn, taken again after; null for none */
    public InPathOrder(EventStore store, ReadingSlots slots) {
        this(CompletableFuture.completedFuture(store), slots);
    }

    /**
     * @param store the store once it is open: a store call waits for it, after its turn
     * @param slots given back by a file while it waits for its turn, taken again after; null for none
     */
    public InPathOrder(CompletableFuture<? extends EventStore> store, ReadingSlots slots) {
        this.store = store;
        this.slots = slots;
    }

    /** This thread now processes the file at {@code index}: its store calls wait for its turn. */
    public void beginFile(int index) {
        currentFile.set(index);
    }

    /** The file at {@code index} is done (read, failed or skipped): the files after it may go on storing. */
    public synchronized void fileDone(int index) {
        done.set(index);
        while (done.get(next)) {
            next++;
        }
        notifyAll();
    }

    /** Waits until every file before {@code index} is done, without a reading slot meanwhile. */
    public void awaitTurn(int index) throws InterruptedException {
        if (isTurn(index)) {
            return;
        }
        if (slots != null) {
            slots.give();
        }
        try {
            synchronized (this) {
                while (next < index) {
                    wait();
                }
            }
        } finally {
            if (slots != null) {
                slots.takeBack();
            }
        }
    }

    private synchronized boolean isTurn(int index) {
        return next >= index;
    }

    /** Waits for this thread's file's turn, then for the store to be open; returns the store. */
    private EventStore inTurn() {
        int file = currentFile.get();
        if (file >= 0) {
            try {
                awaitTurn(file);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableProcessingException("interrupted while waiting for the files before it", e);
            }
        }
        return open();
    }

    /** The store, waiting until it is open. */
    private EventStore open() {
        try {
            return store.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableProcessingException("interrupted while waiting for the database to open", e);
        } catch (ExecutionException e) {
            throw new RetryableProcessingException("the database did not open: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public String tableName() {
        return open().tableName();
    }

    @Override
    public Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys) {
        return inTurn().findExisting(keys);
    }

    @Override
    public Map<String, AttributeValue> load(Map<String, AttributeValue> key) {
        return inTurn().load(key);
    }

    @Override
    public void putAll(List<Map<String, AttributeValue>> items) {
        inTurn().putAll(items);
    }

    @Override
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        return inTurn().putIfAbsent(item);
    }

    @Override
    public Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now) {
        return inTurn().claimAlert(key, claimId, until, now);
    }

    @Override
    public void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt) {
        inTurn().markAlertSent(key, messageId, sentAt);
    }

    @Override
    public void releaseClaim(Map<String, AttributeValue> key, String claimId) {
        inTurn().releaseClaim(key, claimId);
    }

    @Override
    public CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                               String sourceIpAddress) {
        return inTurn().history(principal, eventTimeId, eventTime, eventName, sourceIpAddress);
    }

    @Override
    public Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                                     String eventTimeId) {
        return inTurn().lastAnalyzerSetup(accountId, region, analyzerName, eventTimeId);
    }
}
