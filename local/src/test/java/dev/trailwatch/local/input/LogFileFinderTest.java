package dev.trailwatch.local.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.trailwatch.local.TrailFixture;
import dev.trailwatch.local.input.LogFileFinder.Candidate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileFinderTest {

    @TempDir
    Path tmp;

    @Test
    void foldersAreSearchedRecursivelyInSortedOrderAndSkippingIsDecidedByNameAndPlace() throws Exception {
        Path root = tmp.resolve("dump");
        for (String name : List.of("b/2.json.gz", "a/1.json", "CloudTrail-Digest/x.json.gz", "a/README",
                "c/111_CloudTrail-Insight_x.json.gz", "a/0.JSON.GZ")) {
            TrailFixture.write(root.resolve(name), new byte[0]);
        }

        List<Candidate> found = LogFileFinder.find(List.of(root), null);

        assertThat(found).extracting(c -> root.relativize(c.file()).toString(), Candidate::skipReason)
                .containsExactly(
                        tuple("CloudTrail-Digest/x.json.gz", "digest file"),
                        tuple("a/0.JSON.GZ", null),
                        tuple("a/1.json", null),
                        tuple("a/README", "not a .json.gz or .json file"),
                        tuple("b/2.json.gz", null),
                        tuple("c/111_CloudTrail-Insight_x.json.gz", "Insights file"));
        assertThat(found).extracting(Candidate::index).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aFileGivenByNameIsACandidateEvenWhenItWouldBeSkipped() throws Exception {
        Path digest = tmp.resolve("CloudTrail-Digest/d.json.gz");
        TrailFixture.write(digest, new byte[0]);

        assertThat(LogFileFinder.find(List.of(digest), null)).singleElement()
                .extracting(Candidate::skipReason).isEqualTo("digest file");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedByName() {
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> LogFileFinder.find(List.of(tmp, missing), null))
                .isInstanceOf(LogFileFinder.BadPathException.class)
                .hasMessage("PATH " + missing + " does not exist");
    }

    @Test
    void theExcludedFolderIsNotSearched() throws Exception {
        TrailFixture.write(tmp.resolve("in/a.json.gz"), new byte[0]);
        TrailFixture.write(tmp.resolve("in/out/report.json"), new byte[0]);

        assertThat(LogFileFinder.find(List.of(tmp.resolve("in")), tmp.resolve("in/out")))
                .extracting(Candidate::name).containsExactly(tmp.resolve("in/a.json.gz").toString());
    }

    @Test
    void aPathWithoutAFileToReadIsNamedWhateverElseItHolds() throws Exception {
        TrailFixture.write(tmp.resolve("logs/a.json.gz"), new byte[0]);
        TrailFixture.write(tmp.resolve("digests/CloudTrail-Digest/x.json.gz"), new byte[0]);
        java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        List<Path> paths = List.of(tmp.resolve("logs"), tmp.resolve("digests"), tmp.resolve("empty"),
                tmp.resolve("logs/a.json.gz"));

        assertThat(LogFileFinder.withoutLogFiles(paths, LogFileFinder.find(paths, null)))
                .containsExactly(tmp.resolve("digests"), tmp.resolve("empty"));
    }
}
