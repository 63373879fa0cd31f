package io.tunemeld.normalizer.snapshot;

import io.tunemeld.normalizer.identity.CatalogEntry;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.normalizer.payload.ParsedPlaylist;
import io.tunemeld.schemas.MusicService;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class SnapshotRepository {

    private static final TypeReference<List<ParsedEntry>> ENTRIES = new TypeReference<>() { };
    private static final String ARTIST_SEPARATOR = "|";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(Snapshot snapshot) {
        ParsedPlaylist playlist = snapshot.playlist();
        jdbc.sql("""
                insert into snapshots (snapshot_id, genre, service, fetched_at, playlist_length, skipped, name, url, parsed_entries)
                values (:id, :genre, :service, :fetchedAt, :length, :skipped, :name, :url, cast(:entries as jsonb))
                on conflict (snapshot_id) do nothing""")
                .param("id", snapshot.id()).param("genre", snapshot.genre()).param("service", snapshot.service().slug())
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt())).param("length", playlist.length())
                .param("skipped", playlist.skipped()).param("name", playlist.name()).param("url", playlist.url())
                .param("entries", json.writeValueAsString(playlist.entries()))
                .update();
    }

    /** Makes the snapshot the one in force unless a newer fetch of the same playlist already is. */
    void promote(Snapshot snapshot) {
        jdbc.sql("""
                insert into latest_snapshots (genre, service, snapshot_id) values (:genre, :service, :id)
                on conflict (genre, service) do update set snapshot_id = excluded.snapshot_id
                where (select fetched_at from snapshots where snapshot_id = latest_snapshots.snapshot_id) <= :fetchedAt""")
                .param("genre", snapshot.genre()).param("service", snapshot.service().slug()).param("id", snapshot.id())
                .param("fetchedAt", Timestamp.from(snapshot.fetchedAt()))
                .update();
    }

    void replaceTracks(String snapshotId, List<ResolvedEntry> entries) {
        jdbc.sql("delete from service_tracks where snapshot_id = :id").param("id", snapshotId).update();
        for (ResolvedEntry entry : entries) {
            jdbc.sql("""
                    insert into service_tracks (snapshot_id, position, track_key, isrc, match_method, match_confidence)
                    values (:id, :position, :key, :isrc, :method, :confidence)""")
                    .param("id", snapshotId).param("position", entry.entry().position())
                    .param("key", entry.resolution().trackKey()).param("isrc", entry.resolution().isrc())
                    .param("method", entry.resolution().method().name()).param("confidence", entry.resolution().confidence())
                    .update();
        }
    }

    Map<Integer, String> trackKeys(String snapshotId) {
        return jdbc.sql("select position, track_key from service_tracks where snapshot_id = :id")
                .param("id", snapshotId)
                .query(rs -> {
                    Map<Integer, String> keys = new java.util.HashMap<>();
                    while (rs.next()) {
                        keys.put(rs.getInt("position"), rs.getString("track_key"));
                    }
                    return keys;
                });
    }

    /** @return whether the catalog learned anything new */
    boolean learn(Collection<CatalogEntry> entries) {
        int added = 0;
        for (CatalogEntry entry : entries) {
            added += jdbc.sql("""
                    insert into catalog (title_key, artists_key, isrc) values (:title, :artists, :isrc)
                    on conflict do nothing""")
                    .param("title", entry.titleKey()).param("artists", String.join(ARTIST_SEPARATOR, entry.artists()))
                    .param("isrc", entry.isrc())
                    .update();
        }
        return added > 0;
    }

    List<CatalogEntry> catalogByTitle(String titleKey) {
        return jdbc.sql("select title_key, artists_key, isrc from catalog where title_key = :title order by isrc")
                .param("title", titleKey)
                .query((rs, row) -> new CatalogEntry(rs.getString("isrc"), rs.getString("title_key"),
                        new TreeSet<>(Arrays.asList(rs.getString("artists_key").split("\\" + ARTIST_SEPARATOR)))))
                .list();
    }

    /** Snapshots in force that still have entries without an ISRC, except the given one. */
    List<Snapshot> latestWithFallbacks(String exceptSnapshotId) {
        return jdbc.sql("""
                select s.snapshot_id, s.genre, s.service, s.fetched_at, s.playlist_length, s.skipped, s.name, s.url,
                       s.parsed_entries::text as entries
                from latest_snapshots l join snapshots s on s.snapshot_id = l.snapshot_id
                where s.snapshot_id <> :except
                  and exists (select 1 from service_tracks t where t.snapshot_id = s.snapshot_id and t.match_method = :fallback)
                order by s.genre, s.service""")
                .param("except", exceptSnapshotId).param("fallback", MatchMethod.FALLBACK.name())
                .query((rs, row) -> new Snapshot(rs.getString("snapshot_id"), rs.getString("genre"),
                        MusicService.ofSlug(rs.getString("service")), rs.getTimestamp("fetched_at").toInstant(),
                        new ParsedPlaylist(rs.getInt("playlist_length"), rs.getInt("skipped"), rs.getString("name"),
                                rs.getString("url"), json.readValue(rs.getString("entries"), ENTRIES))))
                .list();
    }
}
