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
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The listeners' Spotify profiles and the users around them: each listener's account ({@code /me}), the
 * owners of the playlists they played from (their profiles where Spotify shows them), and which of those
 * users and of the other listeners they follow. Spotify lists no user's followed users, and since 2026-02
 * shows development-mode apps no other user's profile: a follow is known only where a listener's own token
 * can check it, and another user may be known only as a playlist's owner describes them.
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
     * @param owners the playlists' owners, each described by their profile where Spotify showed it
     * @param users every user it names that may not be stored yet: the listener, the owners, the other listeners
     * @param candidates the users whose following was checked (the owners and the other listeners)
     * @param follows whom of them the listener follows; empty when it could not be checked (a note says why)
     * @param unreadable playlists Spotify would not show (gone, or editorial ones apps no longer see)
     * @param profiles owners whose own profile was read
     */
    public record Graph(Account account, List<PlayedPlaylist> playlists, List<SpotifyUser> owners, List<SpotifyUser> users,
            List<String> candidates, Optional<Set<String>> follows, int unreadable, int profiles, List<String> notes) {

        /** "3 playlist(s) (2 unreadable) of 2 owner(s), 1 profile(s) read, follows 1 of 2 known user(s)", then any notes */
        public String describe() {
            return playlists.size() + " playlist(s)" + (unreadable == 0 ? "" : " (" + unreadable + " unreadable)") + " of " + owners.size()
                    + " owner(s), " + profiles + " profile(s) read"
                    + follows.map(followed -> ", follows " + followed.size() + " of " + candidates.size() + " known user(s)").orElse("")
                    + notes.stream().map(note -> "; " + note).collect(Collectors.joining());
        }
    }

    /** The playlists a listener played from that Spotify showed, their owners, and how many it would not show. */
    private record Played(List<PlayedPlaylist> playlists, Map<String, SpotifyUser> owners, int unreadable) {
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
     * The owners of the playlists the listener played from (with their profiles where Spotify shows them),
     * and whom of them and of the other listeners (those read in this run, and those stored) the listener
     * follows.
     */
    public Graph read(Account account, Collection<Account> listeners) {
        Played played = played(account);
        List<String> notes = new ArrayList<>();
        int profiles = describeByProfiles(played.owners(), notes);
        Map<String, SpotifyUser> users = new LinkedHashMap<>(played.owners());
        listeners.forEach(other -> users.putIfAbsent(other.user().id(), other.user()));
        Set<String> known = new LinkedHashSet<>(users.keySet());
        known.addAll(repository.listenerAccounts().values());
        known.remove(account.user().id());
        users.put(account.user().id(), account.user());
        List<String> candidates = List.copyOf(known);
        Optional<Set<String>> follows = follows(account, candidates, notes);
        return new Graph(account, played.playlists(), List.copyOf(played.owners().values()), List.copyOf(users.values()), candidates,
                follows, played.unreadable(), profiles, notes);
    }

    private Played played(Account account) {
        List<PlayedPlaylist> playlists = new ArrayList<>();
        Map<String, SpotifyUser> owners = new LinkedHashMap<>();
        int unreadable = 0;
        for (String playlistId : repository.playlistsPlayedBy(account.listener())) {
            Optional<JsonNode> playlist = PLAYLIST_ID.matcher(playlistId).matches()
                    ? unlessAbsent(() -> spotify.playlistOwner(account.token(), playlistId)) : Optional.empty();
            Optional<SpotifyUser> owner = playlist.flatMap(found -> SpotifyUser.of(found.path("owner")));
            if (owner.isEmpty()) {
                unreadable++;
                continue;
            }
            owners.putIfAbsent(owner.get().id(), owner.get());
            playlists.add(new PlayedPlaylist(playlistId, SpotifyUser.text(playlist.get().path("name")),
                    WebUrls.webOrNull(SpotifyUser.text(playlist.get().path("external_urls").path("spotify"))), owner.get().id()));
        }
        return new Played(playlists, owners, unreadable);
    }

    /**
     * Replaces each owner's description by their profile ({@code /v1/users/{id}}: picture, followers); a user
     * Spotify does not know keeps it. Since 2026-02 development-mode apps are refused every profile but the
     * listener's own: the first refusal ends the asking, and a note says so.
     *
     * @return how many profiles were read
     */
    private int describeByProfiles(Map<String, SpotifyUser> owners, List<String> notes) {
        int read = 0;
        for (Map.Entry<String, SpotifyUser> owner : owners.entrySet()) {
            try {
                Optional<SpotifyUser> profile = unlessAbsent(() -> spotify.user(owner.getKey())).flatMap(SpotifyUser::of)
                        .filter(described -> described.id().equals(owner.getKey()));
                if (profile.isPresent()) {
                    owner.setValue(profile.get());
                    read++;
                }
            } catch (ApiException e) {
                if (e.status() != FORBIDDEN) {
                    throw e;
                }
                notes.add("other users' profiles refused (HTTP 403): Spotify shows them to extended-quota apps only");
                break;
            }
        }
        return read;
    }

    /** Whom of the candidates the listener follows; empty, with a note, when the listener did not grant the scope. */
    private Optional<Set<String>> follows(Account account, List<String> candidates, List<String> notes) {
        List<Boolean> following;
        try {
            following = spotify.follows(account.token(), candidates);
        } catch (ApiException e) {
            if (e.status() != FORBIDDEN) {
                throw e;
            }
            notes.add("follows not checked: Spotify refused (HTTP 403): the listener must grant user-follow-read");
            return Optional.empty();
        }
        Set<String> follows = new LinkedHashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (following.get(i)) {
                follows.add(candidates.get(i));
            }
        }
        return Optional.of(follows);
    }

    /** The answer, or empty where Spotify answered 404. */
    private static Optional<JsonNode> unlessAbsent(Supplier<JsonNode> call) {
        try {
            return Optional.of(call.get());
        } catch (ApiException e) {
            if (e.status() != NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
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
