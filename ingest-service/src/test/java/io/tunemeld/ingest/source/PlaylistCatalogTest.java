package io.tunemeld.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunemeld.schemas.MusicService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class PlaylistCatalogTest {

    @Test
    void theDefaultFileHoldsTunemeldsTwelvePlaylists() {
        var playlists = PlaylistCatalog.load(new ClassPathResource("playlists.yml"));

        assertThat(playlists).hasSize(12);
        assertThat(playlists).extracting(PlaylistRef::genre).containsOnly("country", "dance", "pop", "rap");
        assertThat(playlists).filteredOn(p -> p.service() == MusicService.SPOTIFY).extracting(PlaylistRef::ref)
                .allMatch(id -> id.matches("[0-9A-Za-z]{22}"));
        assertThat(playlists).filteredOn(p -> p.service() != MusicService.SPOTIFY).extracting(PlaylistRef::ref)
                .allMatch(url -> url.startsWith("https://"));
    }

    @Test
    void badFilesAreClearErrors() {
        assertThatThrownBy(() -> PlaylistCatalog.load(yaml("Dance Hits:\n  spotify: abc\n"))).hasMessageContaining("not a lowercase slug");
        assertThatThrownBy(() -> PlaylistCatalog.load(yaml("dance:\n  tidal: abc\n"))).hasMessageContaining("unknown service 'tidal'");
        assertThatThrownBy(() -> PlaylistCatalog.load(yaml("dance:\n  spotify: ''\n"))).hasMessageContaining("no playlist for dance/spotify");
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test playlists");
    }
}
