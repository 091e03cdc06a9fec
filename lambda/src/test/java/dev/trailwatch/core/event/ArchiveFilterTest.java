package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.ArchiveFilter.Breadth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiveFilterTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "{} | EVERY_FINDING",
            "{\"isPublic\":{}} | EVERY_FINDING",
            "{\"isPublic\":{\"eq\":[]}} | EVERY_FINDING",
            "{\"isPublic\":{\"eq\":[\"false\"]}} | BROAD",
            "{\"resourceType\":{\"eq\":[\"AWS::S3::Bucket\"]}} | BROAD",
            "{\"principal.AWS\":{\"eq\":[\"111122223333\"]}} | BROAD",
            "{\"resource\":{\"contains\":[\"test\"]}} | BROAD",
            "{\"resource\":{\"eq\":[\"arn:aws:s3:::one-bucket\"]}} | NARROW",
            "{\"isPublic\":{\"eq\":[\"true\"]},\"id\":{\"eq\":[\"a\",\"b\"]}} | NARROW"})
    void aFilterIsNarrowWhenItNamesFindingsOrResourcesAndEveryFindingWhenItRestrictsNothing(String filter,
                                                                                          Breadth expected) {
        assertThat(ArchiveFilter.of(Records.json(filter)).breadth()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', value = {
            "{} | (empty) | matches every finding",
            "{\"isPublic\":{\"eq\":[\"false\"]}} | isPublic eq [\"false\"] | broad: matches every finding that fits, on any resource, now and later",
            "{\"id\":{\"eq\":[\"a\",\"b\"]},\"status\":{\"neq\":[\"ACTIVE\"]}} | id eq [\"a\",\"b\"]; status neq [\"ACTIVE\"] | narrow: names 2 findings",
            "{\"resource\":{\"eq\":[\"arn:aws:s3:::b\"]}} | resource eq [\"arn:aws:s3:::b\"] | narrow: names 1 resource"})
    void theFilterIsShownOnOneLineWithItsBreadth(String filter, String criteria, String sentence) {
        ArchiveFilter f = ArchiveFilter.of(Records.json(filter));

        assertThat(f.criteria()).isEqualTo(criteria);
        assertThat(f.sentence()).isEqualTo(sentence);
    }

    @org.junit.jupiter.api.Test
    void aMissingFilterMatchesEveryFinding() {
        assertThat(ArchiveFilter.of(null).breadth()).isEqualTo(Breadth.EVERY_FINDING);
    }
}
