package dev.trailwatch.core.event;

/** A record of a kept event source that cannot become an item (no eventID, no readable eventTime). */
public final class UnstorableRecordException extends Exception {

    public UnstorableRecordException(String reason) {
        super(reason);
    }
}
