package io.tunemeld.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a schema in src/main/avro can no longer read data written with the released
 * version kept in src/test/resources/released, or a released reader can no longer read data written with
 * it (Avro's own reader/writer rules, both ways: fields may only be added with a default, and a field
 * may only be removed if it had one). Every record is guarded: one new to src/main/avro gets its released
 * copy when it lands. After a release, copy the current files over the released ones.
 */
class SchemaEvolutionTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released");

    @Test
    void everyReleasedRecordStillExists() throws IOException {
        assertThat(parse(CURRENT).keySet()).containsAll(parse(RELEASED).keySet());
    }

    @Test
    void currentSchemasReadDataWrittenWithTheReleasedOnes() throws IOException {
        assertThat(incompatibilities(true)).as("backward-incompatible schema changes").isEmpty();
    }

    @Test
    void everyRecordHasAReleasedVersionToBeCheckedAgainst() throws IOException {
        assertThat(parse(RELEASED).keySet()).containsAll(parse(CURRENT).keySet());
    }

    @Test
    void releasedSchemasReadDataWrittenWithTheCurrentOnes() throws IOException {
        assertThat(incompatibilities(false)).as("forward-incompatible schema changes: consumers not yet upgraded could not read")
                .isEmpty();
    }

    /** Each released record whose data the current one cannot read (or, not currentReads, the other way round). */
    private static List<String> incompatibilities(boolean currentReads) throws IOException {
        Map<String, Schema> current = parse(CURRENT);
        List<String> problems = new ArrayList<>();
        parse(RELEASED).forEach((name, released) -> {
            var result = currentReads ? SchemaCompatibility.checkReaderWriterCompatibility(current.get(name), released)
                    : SchemaCompatibility.checkReaderWriterCompatibility(released, current.get(name));
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(name + ": " + result.getResult().getIncompatibilities());
            }
        });
        return problems;
    }

    @Test
    void theForwardCheckCatchesAFieldRemovedThatHadNoDefault() throws IOException {
        Schema released = parse(RELEASED).get("io.tunemeld.events.ServicePosition");
        Schema withoutPosition = new Schema.Parser().parse("""
            {"type": "record", "name": "ServicePosition", "namespace": "io.tunemeld.events", "fields": [
              {"name": "service", "type": "string"}]}""");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released, withoutPosition).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void theGeneratedClassesCarryTheSchemasAsWritten() throws IOException {
        // the canonical form compares names, fields and types, not the generator's Java annotations
        parse(CURRENT).forEach((name, schema) -> assertThat(SchemaNormalization.toParsingForm(
                SpecificData.get().getSchema(SpecificData.get().getClass(schema))))
                .as("generated %s", name).isEqualTo(SchemaNormalization.toParsingForm(schema)));
    }

    @Test
    void theCheckCatchesAFieldAddedWithoutDefault() throws IOException {
        Schema released = parse(RELEASED).get("io.tunemeld.events.ServicePosition");
        Schema broken = new Schema.Parser().parse("""
            {"type": "record", "name": "ServicePosition", "namespace": "io.tunemeld.events", "fields": [
              {"name": "service", "type": "string"}, {"name": "position", "type": "int"},
              {"name": "movement", "type": "int"}]}""");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
            .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** Parses a directory with one parser, retrying files whose referenced records come later. */
    private static Map<String, Schema> parse(Path dir) throws IOException {
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        }
        Map<String, Schema> byName = new TreeMap<>();
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Path file = it.next();
                try {
                    // a fresh parser each time: a failed parse may leave half a definition behind
                    Schema schema = new Schema.Parser().addTypes(byName.values()).parse(Files.readString(file));
                    byName.put(schema.getFullName(), schema);
                    it.remove();
                } catch (org.apache.avro.AvroRuntimeException unresolvedReference) {
                    // parsed again once the records it names are known
                }
            }
            assertThat(pending.size()).as("unparseable schemas: %s", pending).isLessThan(before);
        }
        return byName;
    }
}
