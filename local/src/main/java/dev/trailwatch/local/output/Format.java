package dev.trailwatch.local.output;

import java.util.Locale;
import picocli.CommandLine;

/** How the reading commands print: JSON lines for scripts (the default), or aligned columns for people. */
public enum Format {
    JSON, TABLE;

    /** {@code --format json|table}, in any case. */
    public static final class Converter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format: give json or table");
            }
        }
    }
}
