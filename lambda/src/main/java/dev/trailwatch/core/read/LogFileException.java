package dev.trailwatch.core.read;

/**
 * The content of a file is not a readable CloudTrail log file (bad gzip, cut or invalid JSON, no Records, too
 * large). Retrying cannot help; the message says why in words a person can act on.
 */
public final class LogFileException extends Exception {

    public LogFileException(String reason) {
        super(reason);
    }

    public LogFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
