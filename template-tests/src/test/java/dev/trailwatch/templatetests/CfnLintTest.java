package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.infra.FastPathForwarderStack;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * cfn-lint checks the template against CloudFormation's own resource schemas (property types, allowed values,
 * ARN patterns), which neither the CDK nor cdk-nag do: a template it rejects fails at deploy time, after minutes.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CfnLintTest {

    private static final Path OUT = Deployments.REPO_ROOT.resolve("template-tests/target/cfn-lint");

    /**
     * Warnings about what the CDK writes, not what this stack decides. W3005: the CDK adds a DependsOn that a
     * GetAtt already implies (the bucket notification on the queue, a function on its role, the CDK's own
     * notification handler on its role); redundant but harmless, and not ours to remove.
     */
    private static final List<String> IGNORED = List.of("W3005");

    /** Both modes, and the chat channels (both of them) on top of the default mode. */
    static Stream<Deployment> bothModes() {
        return Stream.concat(Deployments.bothModes(), Stream.of(Deployments.withChat()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void cfn_lint_finds_no_error_and_no_warning_of_ours(Deployment deployment) throws Exception {
        lint(deployment.name(), deployment.json());
    }

    @Test
    void cfn_lint_finds_nothing_in_a_fast_path_forwarder() throws Exception {
        FastPathForwarderStack forwarder = Deployments.forwarders(Deployments.withForwarders()).get(0);
        lint(forwarder.getStackName(), new ObjectMapper().valueToTree(Template.fromStack(forwarder).toJSON()));
    }

    private static void lint(String name, JsonNode json) throws Exception {
        Files.createDirectories(OUT);
        Path template = OUT.resolve(name.replace(' ', '-') + ".template.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(template.toFile(), json);

        List<String> command = new ArrayList<>(List.of(cfnLint(System.getenv("PATH")).toString(),
                "--format", "parseable", "--ignore-checks", String.join(",", IGNORED), "--", template.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();

        // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational, 1 a failure of its own.
        assertThat(process.exitValue() & ~8)
                .as("cfn-lint exit status on %s; its output:%n%s", template, output)
                .isZero();
        assertThat(output.lines().filter(line -> line.matches(".*:[EW]\\d{4}:.*")))
                .as("cfn-lint findings on %s", template)
                .isEmpty();
    }

    @Test
    void without_cfn_lint_on_the_path_the_failure_says_how_to_install_it() {
        assertThatThrownBy(() -> cfnLint("/nowhere" + File.pathSeparator + "/nowhere/else"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cfn-lint is not on PATH")
                .hasMessageContaining("pip install cfn-lint");
    }

    private static Path cfnLint(String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "cfn-lint");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("cfn-lint is not on PATH (" + path + "): install it with `pip install cfn-lint` "
                + "(a prerequisite of the template tests)");
    }
}
