package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps what it commits through an OS crash: fsync and synchronous commits on. */
class LocalPostgresTest {

    @TempDir
    Path data;

    @Test
    void durableUnlessToldOtherwise() throws Exception {
        try (LocalPostgres durable = LocalPostgres.start(Files.createDirectories(data.resolve("durable")),
                StackSettings.Ports.free().postgres(), true)) {
            assertThat(DatabaseStatements.durability(durable.jdbcUrl())).isEqualTo("fsync on, synchronous_commit on");
        }
        try (LocalPostgres throwaway = LocalPostgres.start(Files.createDirectories(data.resolve("throwaway")),
                StackSettings.Ports.free().postgres(), false)) {
            assertThat(DatabaseStatements.durability(throwaway.jdbcUrl())).isEqualTo("fsync off, synchronous_commit off");
        }
    }
}
