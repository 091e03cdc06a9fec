package dev.trailwatch.core.read;

import java.io.IOException;

/** An I/O failure of the byte source itself (network, disk), told apart from a failure to decode its content. */
public final class SourceReadException extends IOException {

    SourceReadException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
