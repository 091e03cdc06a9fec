package dev.trailwatch.local.command;

import dev.trailwatch.local.store.LocalDatabase;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --db DIR} of the commands that read what {@code process} stored. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "DIR",
            description = "Folder of the database written by 'process'. Default: trailwatch-db in the current"
                    + " directory.")
    Path db;

    Path dir() {
        return db == null ? LocalDatabase.DEFAULT_DIR : db;
    }

    /** Opens it shared with other readers; a missing or unusable database is a usage error that says why. */
    LocalDatabase open(CommandLine cli) {
        try {
            return LocalDatabase.openForReading(dir());
        } catch (LocalDatabase.UnusableException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }
}
