package dev.trailwatch.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import dev.trailwatch.core.store.EventStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class InPathOrderTest {

    private final Writes writes = new Writes();
    private final InPathOrder order = new InPathOrder(writes);

    @Test
    void aFilesWritesWaitUntilEveryFileBeforeItIsDone() throws InterruptedException {
        Thread third = storing(2, "third");
        Thread second = storing(1, "second");

        // Both wait: the first file is not done. (A thread blocked in wait() cannot get further meanwhile.)
        third.join(300);
        assertThat(third.isAlive()).isTrue();
        assertThat(second.isAlive()).isTrue();
        assertThat(writes.written).isEmpty();

        stores(order, 0, "first");
        second.join(10_000);
        third.join(10_000);

        assertThat(writes.written).containsExactly("first", "second", "third");
    }

    @Test
    void aFileSkippedOrDoneEarlierLetsTheNextOneGoOn() throws InterruptedException {
        order.fileDone(1); // done before the file before it: the turn waits for both
        Thread third = storing(2, "third");
        third.join(300);
        assertThat(third.isAlive()).isTrue();

        order.fileDone(0);
        third.join(10_000);

        assertThat(writes.written).containsExactly("third");
    }

    @Test
    void aFilesHistoryLookUpWaitsUntilEveryFileBeforeItIsDoneSoItSeesTheirWrites() throws InterruptedException {
        CallHistory[] found = new CallHistory[1];
        Thread second = started(() -> {
            order.beginFile(1);
            found[0] = order.history("second", "2026-11-30T10:00:00Z#e", Instant.parse("2026-11-30T10:00:00Z"),
                    "DeleteAnalyzer", "192.0.2.10");
            order.fileDone(1);
        });
        second.join(300);
        assertThat(second.isAlive()).isTrue();
        assertThat(writes.written).isEmpty();

        stores(order, 0, "first");
        second.join(10_000);

        assertThat(writes.written).containsExactly("first", "history of second");
        assertThat(found[0]).isEqualTo(new CallHistory(List.of(), true, true, 0));
    }

    @Test
    void aFileWaitingForItsTurnGivesItsReadingSlotToTheNextFileAndTakesItBackToStore() throws Exception {
        ReadingSlots slots = new ReadingSlots(1);
        InPathOrder withSlots = new InPathOrder(writes, slots);
        slots.take();
        // Holds the one slot (taken above, on its behalf) and waits for the first file.
        Thread second = started(() -> {
            stores(withSlots, 1, "second");
            slots.give();
        });

        for (int i = 0; i < 200 && slots.free() == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(slots.free()).as("given back while it waits").isEqualTo(1);
        slots.take(); // the first file, read meanwhile in that slot
        stores(withSlots, 0, "first");
        slots.give();
        second.join(10_000);

        assertThat(second.isAlive()).isFalse();
        assertThat(writes.written).containsExactly("first", "second");
        assertThat(slots.free()).as("every slot back").isEqualTo(1);
    }

    @Test
    void aFileWhoseTurnHasComeKeepsItsSlot() {
        ReadingSlots slots = new ReadingSlots(1);
        InPathOrder withSlots = new InPathOrder(writes, slots);
        slots.takeBack();

        withSlots.beginFile(0);
        withSlots.putAll(List.of(item("first")));

        assertThat(slots.free()).isZero();
        assertThat(writes.written).containsExactly("first");
    }

    /** A thread that processes the file at {@code index}, writes one item, and is done with it. */
    private Thread storing(int index, String name) {
        return started(() -> stores(order, index, name));
    }

    /** Processes the file at {@code index} on this thread: one item written, then the file is done. */
    private static void stores(InPathOrder order, int index, String name) {
        order.beginFile(index);
        order.putAll(List.of(item(name)));
        order.fileDone(index);
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, AttributeValue> item(String name) {
        return Map.of("principal", AttributeValue.fromS(name));
    }

    /** Remembers the items written and the histories looked up, in order; nothing else is called by these tests. */
    private static final class Writes implements EventStore {
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public String tableName() {
            return "t";
        }

        @Override
        public Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, AttributeValue> load(Map<String, AttributeValue> key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putAll(List<Map<String, AttributeValue>> items) {
            items.forEach(i -> written.add(i.get("principal").s()));
        }

        @Override
        public boolean putIfAbsent(Map<String, AttributeValue> item) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseClaim(Map<String, AttributeValue> key, String claimId) {
            throw new UnsupportedOperationException();
        }
    
        @Override
        public CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                                   String sourceIpAddress) {
            written.add("history of " + principal);
            return new CallHistory(List.of(), true, true, 0);
        }

        @Override
        public Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                                         String eventTimeId) {
            throw new UnsupportedOperationException();
        }
    }
}
