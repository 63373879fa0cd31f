package io.tunemeld.ingest.profiles;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SpotifyUserRepository {

    private final JdbcClient jdbc;

    SpotifyUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is known of one user, whole, as {@code SpotifyUserRead} carries it. */
    record Known(SpotifyUser user, Instant readAt, String listener, Optional<List<String>> follows, List<PlayedPlaylist> playlists) {
    }

    void saveUsers(Collection<SpotifyUser> users, Instant now) {
        for (SpotifyUser user : users) {
            jdbc.sql("""
                    insert into spotify_users (user_id, display_name, url, image_url, followers, read_at)
                    values (:id, :name, :url, :image, :followers, :now)
                    on conflict (user_id) do update set display_name = excluded.display_name, url = excluded.url,
                        image_url = coalesce(excluded.image_url, spotify_users.image_url),
                        followers = coalesce(excluded.followers, spotify_users.followers), read_at = excluded.read_at""")
                    .param("id", user.id()).param("name", user.displayName()).param("url", user.url()).param("image", user.imageUrl())
                    .param("followers", user.followers()).param("now", Timestamp.from(now)).update();
        }
    }

    void saveAccount(String listener, String userId, Instant now) {
        jdbc.sql("""
                insert into listener_accounts (user_name, spotify_user_id, read_at) values (:listener, :id, :now)
                on conflict (user_name) do update set spotify_user_id = excluded.spotify_user_id, read_at = excluded.read_at""")
                .param("listener", listener).param("id", userId).param("now", Timestamp.from(now)).update();
    }

    /** Each listener's Spotify account, as last read. */
    Map<String, String> listenerAccounts() {
        Map<String, String> accounts = new LinkedHashMap<>();
        jdbc.sql("select user_name, spotify_user_id from listener_accounts order by user_name")
                .query(rs -> {
                    accounts.put(rs.getString(1), rs.getString(2));
                });
        return accounts;
    }

    /** The playlists a listener played from, oldest discovery first. */
    List<String> playlistsPlayedBy(String listener) {
        return jdbc.sql("select playlist_id from discovered_playlists where user_name = :listener order by discovered_at, playlist_id")
                .param("listener", listener).query(String.class).list();
    }

    void saveOwners(Collection<PlayedPlaylist> playlists, Instant now) {
        for (PlayedPlaylist playlist : playlists) {
            jdbc.sql("""
                    insert into playlist_owners (playlist_id, owner_id, name, url, read_at) values (:id, :owner, :name, :url, :now)
                    on conflict (playlist_id) do update set owner_id = excluded.owner_id, name = excluded.name, url = excluded.url,
                        read_at = excluded.read_at""")
                    .param("id", playlist.id()).param("owner", playlist.ownerId()).param("name", playlist.name())
                    .param("url", playlist.url()).param("now", Timestamp.from(now)).update();
        }
    }

    /** Whom the listener follows now replaces whom they followed. */
    void replaceFollows(String listener, String followerId, Set<String> followed, Instant now) {
        jdbc.sql("delete from user_follows where follower_id = :follower").param("follower", followerId).update();
        for (String id : followed) {
            jdbc.sql("insert into user_follows (follower_id, followed_id, checked_at) values (:follower, :followed, :now)")
                    .param("follower", followerId).param("followed", id).param("now", Timestamp.from(now)).update();
        }
        jdbc.sql("update listener_accounts set follows_checked_at = :now where user_name = :listener")
                .param("listener", listener).param("now", Timestamp.from(now)).update();
    }

    Optional<Known> known(String userId) {
        Optional<SpotifyUserRow> row = jdbc.sql("""
                select u.user_id, u.display_name, u.url, u.image_url, u.followers, u.read_at, a.user_name, a.follows_checked_at
                from spotify_users u left join listener_accounts a on a.spotify_user_id = u.user_id
                where u.user_id = :id order by a.user_name limit 1""")
                .param("id", userId)
                .query((rs, n) -> new SpotifyUserRow(new SpotifyUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class)), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getTimestamp(8) != null))
                .optional();
        return row.map(found -> new Known(found.user(), found.readAt(), found.listener(),
                found.followsChecked() ? Optional.of(jdbc.sql("select followed_id from user_follows where follower_id = :id order by followed_id")
                        .param("id", userId).query(String.class).list()) : Optional.empty(),
                jdbc.sql("select playlist_id, name, url, owner_id from playlist_owners where owner_id = :id order by playlist_id")
                        .param("id", userId).query((rs, n) -> new PlayedPlaylist(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4))).list()));
    }

    private record SpotifyUserRow(SpotifyUser user, Instant readAt, String listener, boolean followsChecked) {
    }
}
