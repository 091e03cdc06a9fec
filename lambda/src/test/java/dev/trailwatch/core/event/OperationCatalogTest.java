package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.event.OperationCatalog.Kind;
import dev.trailwatch.core.event.OperationCatalog.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog against the AWS SDK's model of Access Analyzer: one {@code <Operation>Command.d.ts} per operation in
 * the npm package pinned in package.json.
 */
class OperationCatalogTest {

    static final String COMMANDS = "node_modules/@aws-sdk/client-accessanalyzer/dist-types/commands";

    /** The repository root: the first folder upwards from the working directory that holds package.json. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("no package.json above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    static Set<String> sdkOperations() throws IOException {
        Path commands = repositoryRoot().resolve(COMMANDS);
        assertThat(commands).as(commands + " is missing: run npm ci first").isDirectory();
        try (Stream<Path> files = Files.list(commands)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Command.d.ts"))
                    .map(n -> n.substring(0, n.length() - "Command.d.ts".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theCatalogHoldsEveryOperationOfTheSdkAndNothingElse() throws IOException {
        Set<String> sdk = sdkOperations();
        Set<String> catalog = OperationCatalog.all().stream().map(Operation::name)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(sdk);
        missing.removeAll(catalog);
        Set<String> notOperations = new TreeSet<>(catalog);
        notOperations.removeAll(sdk);

        assertThat(missing).as("operations of the SDK missing from the catalog").isEmpty();
        assertThat(notOperations).as("catalog entries that are not operations of the SDK").isEmpty();
        assertThat(sdk).as("the SDK's commands folder read as a list of operations").hasSizeGreaterThanOrEqualTo(39);
    }

    @Test
    void everyWriteHasASeverityARatingAndAReasonAndNoReadHasASeverity() {
        assertThat(OperationCatalog.all()).allSatisfy(o -> {
            assertThat(o.why()).as(o.name()).isNotBlank();
            assertThat(o.rating()).as(o.name()).isNotBlank();
            assertThat(o.severity() != null).as(o.name() + " has a severity").isEqualTo(o.isWrite());
        });
    }

    @Test
    void readsAreNamedLikeReadsAndWritesAreNot() {
        // The name rule still decides for a record without readOnly; the catalog must not contradict it.
        assertThat(OperationCatalog.all()).allSatisfy(o -> assertThat(
                Stream.of("Get", "List", "Check", "Validate").anyMatch(o.name()::startsWith))
                .as(o.name()).isEqualTo(!o.isWrite()));
    }

    @Test
    void thePolicyChecksAreTheCheckCallsAndValidatePolicy() {
        assertThat(OperationCatalog.all()).filteredOn(o -> o.kind() == Kind.CHECK).extracting(Operation::name)
                .containsExactlyInAnyOrder("CheckAccessNotGranted", "CheckNoNewAccess", "CheckNoPublicAccess",
                        "ValidatePolicy");
    }

    @Test
    void anUnknownNameIsNotFound() {
        assertThat(OperationCatalog.find("FrobnicateAnalyzer")).isEmpty();
        assertThat(OperationCatalog.find(null)).isEmpty();
        assertThat(OperationCatalog.find("DeleteAnalyzer")).get().extracting(Operation::kind).isEqualTo(Kind.WRITE);
    }
}
