package dev.trailwatch.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.TableLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalDatabaseTest {

    @TempDir
    Path tmp;

    private static void put(LocalDatabase db, int n) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(
                TableLayout.PARTITION_KEY, AttributeValue.fromS("p"),
                TableLayout.SORT_KEY, AttributeValue.fromS("2018-06-14T00:00:00Z#" + n))));
    }

    private static int count(LocalDatabase db) {
        return db.client().scan(b -> b.tableName(db.tableName()).consistentRead(true)).count();
    }

    @Test
    void aFolderReopenedRightAfterClosingHoldsEveryItemWrittenBefore() throws Exception {
        Path dir = tmp.resolve("db");
        for (int run = 1; run <= 5; run++) {
            try (LocalDatabase db = LocalDatabase.openForWriting(dir)) {
                assertThat(count(db)).isEqualTo((run - 1) * 20);
                for (int i = 0; i < 20; i++) {
                    put(db, run * 100 + i);
                }
            }
        }
        try (LocalDatabase db = LocalDatabase.openForReading(dir)) {
            assertThat(count(db)).isEqualTo(100);
        }
    }

    @Test
    void aFileBackedDatabaseUsesWriteAheadLoggingAndLeavesOnlyItsFileAndLock() throws Exception {
        Path dir = tmp.resolve("db");
        try (LocalDatabase db = LocalDatabase.openForWriting(dir)) {
            // If this fails after a DynamoDB Local upgrade, SqliteTuning no longer reaches SQLite: runs still
            // work, only slower on disk.
            assertThat(db.journalMode()).isEqualTo("wal");
            put(db, 1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("trailwatch.db", "trailwatch.lock");
        }
    }

    @Test
    void aFolderInUseByAnotherRunIsRefusedWithAClearMessage() throws Exception {
        Path dir = tmp.resolve("db");
        try (LocalDatabase first = LocalDatabase.openForWriting(dir)) {
            put(first, 1);
            assertThatThrownBy(() -> LocalDatabase.openForWriting(dir))
                    .isInstanceOf(LocalDatabase.UnusableException.class)
                    .hasMessageContaining("is in use by another trailwatch run");
        }
        try (LocalDatabase again = LocalDatabase.openForWriting(dir)) {
            assertThat(count(again)).isEqualTo(1);
        }
    }

    @Test
    void anInMemoryDatabaseStartsEmptyWithTheTable() {
        try (LocalDatabase db = LocalDatabase.inMemory()) {
            assertThat(count(db)).isZero();
            put(db, 1);
            assertThat(count(db)).isEqualTo(1);
        }
        try (LocalDatabase db = LocalDatabase.inMemory()) {
            assertThat(count(db)).isZero();
        }
    }
}
