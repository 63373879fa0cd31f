package io.tunemeld.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paced bench's layout: an edition split into one directory per genre that the ingest reads as it reads an edition. */
class SyntheticChartsTest {

    @Test
    void byGenreHoldsEachGenresThreePlaylistsAndNothingElse(@TempDir Path directory) throws Exception {
        SyntheticCharts charts = new SyntheticCharts("pace", 3, 2, 5, 0.6, 1);
        List<Path> editions = charts.write(directory);

        List<Path> genres = charts.byGenre(editions.get(1));

        assertThat(genres).extracting(genre -> genre.getFileName().toString()).containsExactly("pace00001", "pace00002", "pace00003");
        for (Path genre : genres) {
            String name = genre.getFileName().toString();
            try (Stream<Path> files = Files.walk(genre)) {
                assertThat(files.filter(Files::isRegularFile).map(file -> genre.relativize(file).toString()))
                        .containsExactlyInAnyOrder("spotify/" + name + ".json", "apple_music/" + name + ".json",
                                "soundcloud/" + name + ".json");
            }
            for (String service : SyntheticCharts.SERVICES) {
                Path file = genre.resolve(service).resolve(name + ".json");
                // the second edition's payload, not the first's
                assertThat(file).hasSameBinaryContentAs(editions.get(1).resolve(service).resolve(name + ".json"));
                assertThat(Files.mismatch(file, editions.get(0).resolve(service).resolve(name + ".json"))).isNotEqualTo(-1L);
            }
        }
    }
}
