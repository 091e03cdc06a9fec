package dev.trailwatch.local.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EventsExportTest {

    @TempDir
    Path tmp;

    @Test
    void everyItemIsWrittenOnceInKeyOrderWhateverTheNumberOfSegments() throws Exception {
        ObjectMapper mapper = Json.mapper();
        try (LocalDatabase db = LocalDatabase.inMemory()) {
            SplittableRandom random = new SplittableRandom(7);
            // Principals that sort differently as UTF-16 and as UTF-8 bytes, times out of order.
            String[] principals = {"IAMUser:b", "AssumedRole:a/é", "AssumedRole:a/\uFF21", "AssumedRole:a/\uD83D\uDE00",
                "Root:111122223333"};
            for (int i = 0; i < 300; i++) {
                String principal = principals[random.nextInt(principals.length)];
                String time = String.format("2026-11-%02dT%02d:00:00Z#e%d", 1 + random.nextInt(28), random.nextInt(24), i);
                db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(
                        TableLayout.PARTITION_KEY, AttributeValue.fromS(principal),
                        TableLayout.SORT_KEY, AttributeValue.fromS(time),
                        "eventName", AttributeValue.fromS("DeleteAnalyzer"))));
            }
            TableReader table = new TableReader(db.client(), db.tableName());
            Path one = Files.createDirectories(tmp.resolve("one"));
            Path three = Files.createDirectories(tmp.resolve("three"));

            long written = EventsExport.write(table, new ItemJson(mapper), one, 1);
            long writtenInSegments = EventsExport.write(table, new ItemJson(mapper), three, 3);

            assertThat(written).isEqualTo(writtenInSegments).isEqualTo(300);
            List<String> lines = Files.readAllLines(one.resolve(EventsExport.EVENTS_FILE));
            assertThat(Files.readAllLines(three.resolve(EventsExport.EVENTS_FILE))).isEqualTo(lines);
            List<String> keys = new ArrayList<>();
            for (String line : lines) {
                JsonNode item = mapper.readTree(line);
                keys.add(item.get(TableLayout.PARTITION_KEY).asText() + "\u0000" + item.get(TableLayout.SORT_KEY).asText());
            }
            assertThat(keys).doesNotHaveDuplicates().isSortedAccordingTo(
                    (a, b) -> {
                        String[] x = a.split("\u0000");
                        String[] y = b.split("\u0000");
                        int byPrincipal = TableReader.DYNAMODB_ORDER.compare(x[0], y[0]);
                        return byPrincipal != 0 ? byPrincipal : TableReader.DYNAMODB_ORDER.compare(x[1], y[1]);
                    });
            try (var left = Files.list(three)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(EventsExport.EVENTS_FILE);
            }
        }
    }
}
