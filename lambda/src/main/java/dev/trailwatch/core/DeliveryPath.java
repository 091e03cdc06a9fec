package dev.trailwatch.core;

/**
 * How a record reached the core: in a CloudTrail log file (minutes after the call, every call) or alone, as
 * EventBridge's copy of it (seconds after the call, best effort). The item of an event keeps the path that stored
 * it first ({@code firstSeenBy}).
 */
public enum DeliveryPath {
    LOG_FILE("logfile"),
    EVENTBRIDGE("eventbridge");

    private final String label;

    DeliveryPath(String label) {
        this.label = label;
    }

    /** The value of the item's {@code firstSeenBy}. */
    public String label() {
        return label;
    }

    /** The source of a record of this path: {@code eventbridge:<region>/<event id>}; files are named otherwise. */
    public String source(String where) {
        return label + ":" + where;
    }

    /** Whether a source names this path ({@link #source}). */
    public boolean named(String source) {
        return source != null && source.startsWith(label + ":");
    }
}
