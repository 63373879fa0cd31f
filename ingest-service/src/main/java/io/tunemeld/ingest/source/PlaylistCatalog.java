package io.tunemeld.ingest.source;

import io.tunemeld.schemas.MusicService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.Yaml;

/** The playlists to watch, read from a YAML file of genre -> service -> playlist reference. */
public final class PlaylistCatalog {

    private static final Pattern GENRE_SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private PlaylistCatalog() {
    }

    public static List<PlaylistRef> load(Resource file) {
        Object root;
        try (InputStream in = file.getInputStream()) {
            root = new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the playlists file " + file.getDescription(), e);
        }
        if (!(root instanceof Map<?, ?> genres)) {
            throw new IllegalArgumentException(file.getDescription() + ": expected genre -> service -> playlist");
        }
        List<PlaylistRef> refs = new ArrayList<>();
        genres.forEach((genre, services) -> {
            if (!(genre instanceof String slug) || !GENRE_SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException(file.getDescription() + ": genre '" + genre + "' is not a lowercase slug");
            }
            if (!(services instanceof Map<?, ?> byService)) {
                throw new IllegalArgumentException(file.getDescription() + ": genre " + slug + " needs service -> playlist");
            }
            byService.forEach((service, ref) -> {
                MusicService known = MusicService.find(String.valueOf(service)).filter(MusicService::editorial)
                        .orElseThrow(() -> new IllegalArgumentException(file.getDescription() + ": unknown service '" + service
                                + "' in genre " + slug + " (expected spotify, apple_music or soundcloud)"));
                if (!(ref instanceof String playlist) || playlist.isBlank()) {
                    throw new IllegalArgumentException(file.getDescription() + ": no playlist for " + slug + "/" + service);
                }
                refs.add(new PlaylistRef(slug, known, playlist.strip()));
            });
        });
        return refs;
    }
}
