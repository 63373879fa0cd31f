package io.tunemeld.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.tunemeld.events.RawPlaylistFetched;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class CachingAvroDatumProviderTest {

    private final CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>();

    CachingAvroDatumProviderTest() {
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true)));
    }

    @Test
    void readsBackWhatItWroteIntoTheSpecificClass() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RawPlaylistFetched event = RawPlaylistFetched.newBuilder().setEventId("e1").setOccurredAt(now).setRunId("r1")
                .setGenre("dance").setService("spotify").setSource("test").setSourceRef("ref").setContentHash("h")
                .setFetchedAt(now).setPayload("{\"tracks\":[]}").build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        provider.createDatumWriter(event, event.getSchema()).write(event, encoder);
        encoder.flush();
        Object read = provider.createDatumReader(RawPlaylistFetched.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read).isInstanceOf(RawPlaylistFetched.class).isEqualTo(event);
    }

    @Test
    void keepsOneReaderAndOneWriterPerSchema() {
        RawPlaylistFetched event = new RawPlaylistFetched();
        assertThat(provider.createDatumWriter(event, RawPlaylistFetched.getClassSchema()))
                .isSameAs(provider.createDatumWriter(event, RawPlaylistFetched.getClassSchema()));
        assertThat(provider.createDatumReader(RawPlaylistFetched.getClassSchema()))
                .isSameAs(provider.createDatumReader(RawPlaylistFetched.getClassSchema()))
                .isNotSameAs(provider.createDatumReader(io.tunemeld.events.TrackCanonicalized.getClassSchema()));
    }
}
