package dev.trailwatch.core.read;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives each record of a kept event source, in file order. */
@FunctionalInterface
public interface RecordHandler {
    void accept(JsonNode record);
}
