package io.tunemeld.normalizer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.normalizer.payload.PayloadParser;
import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The matcher over the real payloads with no API call, against recordings labelled by hand
 * ({@code matching/labelled-entries.tsv}): every entry without an ISRC of its own is resolved against the
 * catalog the others teach, as the normalizer does offline. Precision and recall are printed, and the
 * build fails below the floor.
 */
class LabelledEntriesTest {

    private static final double MIN_PRECISION = 0.98;
    private static final double MIN_RECALL = 0.90;
    private static final Path SAMPLES = Path.of("../samples");
    private static final Path WEB_API_DANCE = Path.of("src/test/resources/payloads/spotify_web_api-dance.json");
    private static final Path LABELS = Path.of("src/test/resources/matching/labelled-entries.tsv");

    private record Label(String genre, MusicService service, int position, String title, Set<String> recordings) {
    }

    @Test
    void theMatcherFindsTheLabelledRecordingsAndNoOther() throws IOException {
        List<MatchReport.Playlist> playlists = new ArrayList<>(MatchReport.read(SAMPLES));
        playlists.add(new MatchReport.Playlist("dance-web-api", MusicService.SPOTIFY,
                new PayloadParser().parse(MusicService.SPOTIFY, Files.readString(WEB_API_DANCE)).entries()));
        Map<String, Label> labels = labels();

        int truePositives = 0;
        int falsePositives = 0;
        int withCounterpart = 0;
        List<String> wrong = new ArrayList<>();
        for (MatchReport.Row row : MatchReport.of(playlists, new TrackResolver(defaultMinConfidence(), TrackSearch.NONE))) {
            if (row.method() == MatchMethod.PAYLOAD) {
                continue;
            }
            String id = row.genre() + "/" + row.service() + "/" + row.position();
            Label label = labels.remove(id);
            assertThat(label).as("the label of %s (%s)", id, row.title()).isNotNull();
            assertThat(row.title()).as("the title labelled as %s", id).isEqualTo(label.title());
            String found = row.method() == MatchMethod.FALLBACK ? null : row.trackKey();
            if (!label.recordings().isEmpty()) {
                withCounterpart++;
            }
            if (found != null && label.recordings().contains(found)) {
                truePositives++;
            } else if (found != null) {
                falsePositives++;
                wrong.add(id + " " + row.title() + ": matched " + found + ", labelled " + label.recordings());
            } else if (!label.recordings().isEmpty()) {
                wrong.add(id + " " + row.title() + ": missed " + label.recordings());
            }
        }
        assertThat(labels.keySet()).as("labels of no entry without an ISRC").isEmpty();

        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = (double) truePositives / withCounterpart;
        System.out.printf("matching on the labelled payloads: precision %.2f (%d of %d matches), recall %.2f (%d of %d with a counterpart)%n",
                precision, truePositives, truePositives + falsePositives, recall, truePositives, withCounterpart);
        wrong.forEach(line -> System.out.println("  " + line));
        assertThat(precision).as("precision; wrong: %s", wrong).isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(recall).as("recall; wrong: %s", wrong).isGreaterThanOrEqualTo(MIN_RECALL);
    }

    private static Map<String, Label> labels() throws IOException {
        Map<String, Label> labels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LABELS)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            Set<String> recordings = fields[5].equals("none") ? Set.of() : Set.of(fields[5].split("\\|"));
            Label label = new Label(fields[0], MusicService.find(fields[1]).orElseThrow(), Integer.parseInt(fields[2]), fields[3],
                    recordings);
            labels.put(label.genre() + "/" + fields[1] + "/" + label.position(), label);
        }
        return labels;
    }

    /** The threshold the normalizer runs with unless configured otherwise. */
    private static double defaultMinConfidence() throws IOException {
        Matcher setting = Pattern.compile("MATCH_MIN_CONFIDENCE:([0-9.]+)")
                .matcher(Files.readString(Path.of("src/main/resources/normalizer-service.yml")));
        assertThat(setting.find()).as("the default of MATCH_MIN_CONFIDENCE").isTrue();
        return Double.parseDouble(setting.group(1));
    }
}
