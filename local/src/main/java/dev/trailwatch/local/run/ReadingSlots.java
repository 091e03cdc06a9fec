package dev.trailwatch.local.run;

import java.util.concurrent.Semaphore;

/**
 * How many files are read at once ({@code --threads}). A file whose reading is done but whose events must wait for
 * the files before it ({@link InPathOrder}) gives its slot back while it waits, so that the next file is read
 * meanwhile and every core stays busy; it takes a slot again when its turn comes.
 */
public final class ReadingSlots {

    private final Semaphore slots;

    public ReadingSlots(int count) {
        this.slots = new Semaphore(count, true);
    }

    /** Slots that no file holds: for tests. */
    int free() {
        return slots.availablePermits();
    }

    public void take() throws InterruptedException {
        slots.acquire();
    }

    /** Takes a slot even if the thread is interrupted (the interrupt stays set): a waiting file takes its own back. */
    void takeBack() {
        slots.acquireUninterruptibly();
    }

    public void give() {
        slots.release();
    }
}
