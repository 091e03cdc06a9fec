package dev.trailwatch.core;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives each record of a kept event source, in file order. */
@FunctionalInterface
interface RecordHandler {
    void accept(JsonNode record);
}
