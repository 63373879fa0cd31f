package io.tunemeld.cache.profiles;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class SpotifyUserRepository {

    private static final String COLUMNS = "user_id, display_name, url, image_url, followers, listener, follows, playlists, read_at";
    private static final TypeReference<List<SpotifyUserView.Playlist>> PLAYLISTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.shared();

    SpotifyUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether it was stored: an older description than the one held is not */
    boolean save(SpotifyUserView user, Instant occurredAt) {
        return jdbc.sql("""
                insert into spotify_users (user_id, display_name, url, image_url, followers, listener, follows, playlists, read_at, occurred_at)
                values (:id, :name, :url, :image, :followers, :listener, cast(:follows as text[]), cast(:playlists as jsonb), :readAt, :occurredAt)
                on conflict (user_id) do update set display_name = excluded.display_name, url = excluded.url,
                    image_url = excluded.image_url, followers = excluded.followers, listener = excluded.listener,
                    follows = excluded.follows, playlists = excluded.playlists, read_at = excluded.read_at,
                    occurred_at = excluded.occurred_at
                where spotify_users.occurred_at <= excluded.occurred_at""")
                .param("id", user.id()).param("name", user.displayName()).param("url", user.url()).param("image", user.imageUrl())
                .param("followers", user.followers()).param("listener", user.listener())
                .param("follows", user.followIds() == null ? null : user.followIds().toArray(String[]::new))
                .param("playlists", json.writeValueAsString(user.playlists()))
                .param("readAt", Timestamp.from(Instant.parse(user.readAt()))).param("occurredAt", Timestamp.from(occurredAt))
                .update() == 1;
    }

    /** The configured listeners' accounts, by listener name. */
    List<SpotifyUserView> listeners() {
        return jdbc.sql("select " + COLUMNS + " from spotify_users where listener is not null order by listener").query(this::view).list();
    }

    /** The users of these ids that are known, by id. */
    Map<String, SpotifyUserView> byIds(Collection<String> ids) {
        Map<String, SpotifyUserView> users = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select " + COLUMNS + " from spotify_users where user_id = any(cast(:ids as text[]))")
                    .param("ids", ids.toArray(String[]::new)).query(this::view).list().forEach(user -> users.put(user.id(), user));
        }
        return users;
    }

    /** Of these users, who follows each (as far as it was checked), by id. */
    Map<String, List<SpotifyUserView>> followers(Collection<String> ids) {
        Map<String, List<SpotifyUserView>> followers = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            List<SpotifyUserView> following = jdbc.sql("select " + COLUMNS + " from spotify_users where follows && cast(:ids as text[])"
                    + " order by user_id").param("ids", ids.toArray(String[]::new)).query(this::view).list();
            for (String id : ids) {
                followers.put(id, following.stream().filter(user -> user.followIds().contains(id)).toList());
            }
        }
        return followers;
    }

    private SpotifyUserView view(ResultSet rs, int row) throws SQLException {
        Array follows = rs.getArray("follows");
        return new SpotifyUserView(rs.getString("user_id"), rs.getString("display_name"), rs.getString("url"), rs.getString("image_url"),
                rs.getObject("followers", Long.class), rs.getString("listener"),
                follows == null ? null : Arrays.asList((String[]) follows.getArray()),
                json.readValue(rs.getString("playlists"), PLAYLISTS), rs.getTimestamp("read_at").toInstant().toString());
    }
}
