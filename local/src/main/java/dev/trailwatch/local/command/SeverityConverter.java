package dev.trailwatch.local.command;

import dev.trailwatch.contract.Severity;
import picocli.CommandLine;

/** LEVEL: LOW, MEDIUM or HIGH in any case; anything else is a usage error that names the value. */
final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
