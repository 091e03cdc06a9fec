package dev.trailwatch.local.command;

import dev.trailwatch.local.output.Format;
import picocli.CommandLine.Option;

/** {@code --format json|table} of the commands that print what is stored. */
final class FormatOption {

    @Option(names = "--format", paramLabel = "json|table", defaultValue = "json", converter = Format.Converter.class,
            description = "json: one JSON line each, for scripts (default); table: aligned columns, for people.")
    Format format;
}
