package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's cells on a small generated file, with the bench module's own classpath: every reader the
 * benchmark compares must run there (the naive one needs commons-compress, a test-scoped dependency of the lambda
 * module that the bench module does not inherit) and agree with the generator on what the file holds.
 */
class BenchAccessTest {

    private static final long CAP = 64L * 1024 * 1024;

    private static TrailFileGenerator generator() {
        return TrailFileGenerator.builder().seed(7).targetBytes(512 * 1024).accessAnalyzerFraction(0.01).build();
    }

    @Test
    void theNaiveAndTheFastReaderSeeWhatTheGeneratorWrote() throws Exception {
        TrailFileGenerator generator = generator();
        BenchAccess.Result naive;
        BenchAccess.Result accessAnalyzerOnly;
        BenchAccess.Result watching;
        try (InputStream in = generator.openGzip(6)) {
            naive = BenchAccess.naive(in, CAP, record -> { });
        }
        try (InputStream in = generator().openGzip(6)) {
            accessAnalyzerOnly = BenchAccess.fastAccessAnalyzerOnly(in, CAP, record -> { });
        }
        try (InputStream in = generator().openGzip(6)) {
            watching = BenchAccess.fast(in, CAP, record -> { });
        }

        assertThat(naive.records()).isEqualTo(generator.stats().records()).isPositive();
        assertThat(naive.kept()).isEqualTo(generator.stats().accessAnalyzerRecords()).isPositive();
        assertThat(accessAnalyzerOnly).isEqualTo(naive);
        // The watch list keeps a few calls of other services besides: same file, same records, at least as many kept.
        assertThat(watching.records()).isEqualTo(naive.records());
        assertThat(watching.decompressedBytes()).isEqualTo(naive.decompressedBytes());
        assertThat(watching.kept()).isGreaterThanOrEqualTo(naive.kept());
    }
}
