package io.tunemeld.ingest.history;

import io.tunemeld.platform.spotify.SpotifyClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A listener's Spotify plays, read as a delta: only the plays after the listener's stored cursor are
 * asked for, stored once each (user, track, time), and the cursor moves to the newest in the same
 * transaction, so a crash before the commit reads the same plays again and stores nothing twice. The
 * playlists they were played from are queued for the playlist source.
 */
public class ListeningHistory {

    /** What a read found: the plays after {@code after}, and the playlists they were played from. */
    public record Delta(String user, Instant after, List<Play> plays, Set<String> playlists, int skipped) {

        Optional<Instant> newest() {
            return plays.stream().map(Play::playedAt).max(Comparator.naturalOrder());
        }

        /** "3 plays after 2026-11-21T10:00:00Z, from 1 playlist" */
        public String describe() {
            return plays.size() + " plays after " + (after.equals(Instant.EPOCH) ? "the start" : after) + ", from "
                    + playlists.size() + " playlist(s)" + (skipped == 0 ? "" : "; " + skipped + " without a Spotify track skipped");
        }
    }

    /** What storing a delta added. */
    public record Stored(int newPlays, int newPlaylists, Optional<Instant> cursor) {
    }

    private final SpotifyClient spotify;
    private final PlayHistoryRepository repository;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int maxPages;

    public ListeningHistory(SpotifyClient spotify, PlayHistoryRepository repository, TransactionTemplate transaction, Clock clock,
            int maxPages) {
        this.spotify = spotify;
        this.repository = repository;
        this.transaction = transaction;
        this.clock = clock;
        this.maxPages = maxPages;
    }

    public Delta read(SpotifyHistoryProperties.Listener listener) {
        Instant after = repository.cursor(listener.user()).orElse(Instant.EPOCH);
        String token = spotify.listenerToken(listener.refreshToken());
        List<Play> plays = new ArrayList<>();
        int skipped = 0;
        Instant cursor = after;
        for (int page = 0; page < maxPages; page++) {
            JsonNode answer = spotify.recentlyPlayed(token, cursor);
            Instant newest = cursor;
            for (JsonNode item : answer.path("items")) {
                Optional<Play> play = play(item);
                if (play.isEmpty()) {
                    skipped++;
                } else if (play.get().playedAt().isAfter(after)) {
                    plays.add(play.get());
                    newest = newest.isAfter(play.get().playedAt()) ? newest : play.get().playedAt();
                }
            }
            boolean more = answer.path("next").isString() && !answer.path("items").isEmpty();
            if (!more || !newest.isAfter(cursor)) {
                break;
            }
            cursor = newest;
        }
        Set<String> playlists = new TreeSet<>();
        plays.forEach(play -> play.playlistId().ifPresent(playlists::add));
        return new Delta(listener.user(), after, plays, playlists, skipped);
    }

    public Stored store(Delta delta) {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            int plays = repository.save(delta.user(), delta.plays());
            int playlists = repository.discover(delta.user(), delta.playlists(), now);
            delta.newest().ifPresent(newest -> repository.advance(delta.user(), newest, now));
            return new Stored(plays, playlists, delta.newest());
        });
    }

    /** The playlists listeners played from, oldest discovery first. */
    public List<String> discoveredPlaylists() {
        return repository.discoveredPlaylists();
    }

    /** An item of recently played; empty for one without a Spotify track (a local file) or a time. */
    private static Optional<Play> play(JsonNode item) {
        JsonNode track = item.path("track");
        if (!track.path("id").isString() || !track.path("name").isString() || !item.path("played_at").isString()) {
            return Optional.empty();
        }
        Instant playedAt;
        try {
            playedAt = Instant.parse(item.path("played_at").asString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        List<String> artists = new ArrayList<>();
        track.path("artists").forEach(artist -> artists.add(artist.path("name").asString()));
        JsonNode context = item.path("context");
        return Optional.of(new Play(track.path("id").asString(),
                track.path("external_ids").path("isrc").isString() ? track.path("external_ids").path("isrc").asString() : null,
                track.path("name").asString(), artists, playedAt,
                context.path("type").isString() ? context.path("type").asString() : null,
                context.path("uri").isString() ? context.path("uri").asString() : null));
    }
}
