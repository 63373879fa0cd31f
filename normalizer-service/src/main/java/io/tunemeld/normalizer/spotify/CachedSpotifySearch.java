package io.tunemeld.normalizer.spotify;

import io.tunemeld.matching.Isrc;
import io.tunemeld.matching.TrackNormalizer;
import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.TrackSearch;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyTrack;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spotify search with every answer kept forever in the normalizer's schema. A failed search (rate limit,
 * outage) is not kept: the entry falls back for now and is searched again next time.
 */
public class CachedSpotifySearch implements TrackSearch {

    private static final Logger log = LoggerFactory.getLogger(CachedSpotifySearch.class);
    private static final TypeReference<List<SpotifyTrack>> HITS = new TypeReference<>() { };

    private final SpotifyClient spotify;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.shared();

    public CachedSpotifySearch(SpotifyClient spotify, JdbcClient jdbc, Clock clock) {
        this.spotify = spotify;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<CatalogEntry> find(String titleKey, Set<String> artists) {
        String query = "track:\"" + titleKey + "\" artist:\"" + artists.iterator().next() + "\"";
        Optional<List<SpotifyTrack>> cached = jdbc.sql("select hits::text from search_cache where query = :query")
                .param("query", query).query(String.class).optional().map(hits -> json.readValue(hits, HITS));
        List<SpotifyTrack> hits;
        if (cached.isPresent()) {
            hits = cached.get();
        } else {
            try {
                hits = spotify.searchTracks(query);
            } catch (ApiException e) {
                log.warn("Spotify search for {} failed, falling back for now: {}", query, e.getMessage());
                return List.of();
            }
            jdbc.sql("""
                    insert into search_cache (query, hits, searched_at) values (:query, cast(:hits as jsonb), :at)
                    on conflict (query) do nothing""")
                    .param("query", query).param("hits", json.writeValueAsString(hits))
                    .param("at", Timestamp.from(clock.instant())).update();
        }
        return hits.stream()
                .flatMap(hit -> Isrc.parse(hit.isrc()).stream().map(isrc -> {
                    TrackNormalizer.Title title = TrackNormalizer.title(hit.title());
                    return new CatalogEntry(isrc, title.key(), TrackNormalizer.allArtists(hit.artists(), title),
                            TrackNormalizer.primaryArtist(hit.artists()));
                }))
                .toList();
    }
}
