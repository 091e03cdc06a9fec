package dev.trailwatch.local.output;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.ItemAttributes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Prints stored events as {@code query} and {@code alerts} show them: a JSON line each, in the format of
 * events.jsonl, as they come; or, for people, one row each of time, principal, event, severity, region, source IP
 * and result ({@code OK}, or the call's error code), aligned once all are in.
 */
public final class EventPrinter implements Consumer<Map<String, AttributeValue>> {

    private final PrintWriter out;
    private final ItemJson json;
    private final TextTable table;

    public EventPrinter(Format format, PrintWriter out) {
        this.out = out;
        this.json = format == Format.JSON ? new ItemJson(Json.mapper()) : null;
        this.table = format == Format.TABLE
                ? new TextTable("TIME", "PRINCIPAL", "EVENT", "SEVERITY", "REGION", "SOURCE IP", "RESULT") : null;
    }

    @Override
    public void accept(Map<String, AttributeValue> item) {
        if (json != null) {
            out.println(json.toLine(item));
            return;
        }
        String error = text(item, ItemAttributes.ERROR_CODE);
        table.add(text(item, ItemAttributes.EVENT_TIME), text(item, TableLayout.PARTITION_KEY),
                text(item, ItemAttributes.EVENT_NAME), text(item, ItemAttributes.SEVERITY),
                text(item, ItemAttributes.AWS_REGION), text(item, ItemAttributes.SOURCE_IP_ADDRESS),
                error == null ? "OK" : error);
    }

    /** Prints what waited (the table) and flushes. */
    public void finish() {
        if (table != null) {
            table.print(out);
        }
        out.flush();
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
