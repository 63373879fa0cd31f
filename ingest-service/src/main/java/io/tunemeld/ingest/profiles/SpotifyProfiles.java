package io.tunemeld.ingest.profiles;

import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.web.WebUrls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The listeners' Spotify profiles and the users around them: each listener's account ({@code /me}), the
 * owners of the playlists they played from, and which of those users and of the other listeners they
 * follow. Spotify lists no user's followed users, and since 2026-02 no other user's profile to
 * development-mode apps: a follow is known only where a listener's own token can check it, and another
 * user is known as a playlist's owner describes them.
 */
public class SpotifyProfiles {

    private static final Pattern PLAYLIST_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    /** A listener's session: the access token their refresh token gave, and their account. */
    public record Account(String listener, String token, SpotifyUser user) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Account[" + listener + " = " + user.id() + "]";
        }
    }

    /**
     * What one listener's read found.
     *
     * @param users every user it names that may not be stored yet: the listener, the owners, the other listeners
     * @param candidates the users whose following was checked (the owners and the other listeners)
     * @param follows whom of them the listener follows; empty when it could not be checked (see {@code note})
     * @param unreadable playlists Spotify would not show (gone, or editorial ones apps no longer see)
     */
    public record Graph(Account account, List<PlayedPlaylist> playlists, List<SpotifyUser> owners, List<SpotifyUser> users, List<String> candidates,
            Optional<Set<String>> follows, int unreadable, String note) {

        /** "3 playlist(s) and their owners (1 unreadable), follows 1 of 4 known user(s)" */
        public String describe() {
            return playlists.size() + " playlist(s) and their owners" + (unreadable == 0 ? "" : " (" + unreadable + " unreadable)")
                    + ", " + follows.map(followed -> "follows " + followed.size() + " of " + candidates.size() + " known user(s)")
                    .orElse("follows not checked: " + note);
        }
    }

    private final SpotifyClient spotify;
    private final SpotifyUserRepository repository;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public SpotifyProfiles(SpotifyClient spotify, SpotifyUserRepository repository, TransactionTemplate transaction, Clock clock) {
        this.spotify = spotify;
        this.repository = repository;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The listener's account: their access token and their profile. */
    public Account account(SpotifyHistoryProperties.Listener listener) {
        String token = spotify.listenerToken(listener.refreshToken());
        SpotifyUser user = SpotifyUser.of(spotify.me(token))
                .orElseThrow(() -> new ApiException("Spotify's profile of " + listener.user() + " has no valid user id", false, 200));
        return new Account(listener.user(), token, user);
    }

    /**
     * The owners of the playlists the listener played from, and whom of them and of the other listeners (those
     * read in this run, and those stored) the listener follows.
     */
    public Graph read(Account account, Collection<Account> listeners) {
        List<PlayedPlaylist> playlists = new ArrayList<>();
        Map<String, SpotifyUser> owners = new LinkedHashMap<>();
        int unreadable = 0;
        for (String playlistId : repository.playlistsPlayedBy(account.listener())) {
            if (!PLAYLIST_ID.matcher(playlistId).matches()) {
                unreadable++;
                continue;
            }
            JsonNode playlist;
            try {
                playlist = spotify.playlistOwner(account.token(), playlistId);
            } catch (ApiException e) {
                if (e.status() != NOT_FOUND) {
                    throw e;
                }
                unreadable++;
                continue;
            }
            Optional<SpotifyUser> owner = SpotifyUser.of(playlist.path("owner"));
            if (owner.isEmpty()) {
                unreadable++;
                continue;
            }
            owners.putIfAbsent(owner.get().id(), owner.get());
            playlists.add(new PlayedPlaylist(playlistId, SpotifyUser.text(playlist.path("name")),
                    WebUrls.webOrNull(SpotifyUser.text(playlist.path("external_urls").path("spotify"))),
                    owner.get().id()));
        }
        Map<String, SpotifyUser> users = new LinkedHashMap<>(owners);
        listeners.forEach(other -> users.putIfAbsent(other.user().id(), other.user()));
        Set<String> known = new LinkedHashSet<>(users.keySet());
        known.addAll(repository.listenerAccounts().values());
        known.remove(account.user().id());
        users.put(account.user().id(), account.user());
        List<String> candidates = List.copyOf(known);
        try {
            List<Boolean> following = spotify.follows(account.token(), candidates);
            Set<String> follows = new LinkedHashSet<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (following.get(i)) {
                    follows.add(candidates.get(i));
                }
            }
            return new Graph(account, playlists, List.copyOf(owners.values()), List.copyOf(users.values()), candidates, Optional.of(follows),
                    unreadable, null);
        } catch (ApiException e) {
            if (e.status() != FORBIDDEN) {
                throw e;
            }
            return new Graph(account, playlists, List.copyOf(owners.values()), List.copyOf(users.values()), candidates, Optional.empty(), unreadable,
                    "Spotify refused (HTTP 403): the listener must grant user-follow-read");
        }
    }

    /** Stores what a read found, in one transaction; returns the users it describes (the listener and the owners). */
    public Set<String> store(Graph graph) {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            repository.saveUsers(graph.users(), now);
            repository.saveAccount(graph.account().listener(), graph.account().user().id(), now);
            repository.saveOwners(graph.playlists(), now);
            graph.follows().ifPresent(follows -> repository.replaceFollows(graph.account().listener(), graph.account().user().id(), follows, now));
            Set<String> described = new LinkedHashSet<>();
            described.add(graph.account().user().id());
            graph.owners().forEach(owner -> described.add(owner.id()));
            return described;
        });
    }
}
