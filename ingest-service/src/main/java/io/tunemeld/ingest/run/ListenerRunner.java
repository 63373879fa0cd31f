package io.tunemeld.ingest.run;

import io.tunemeld.ingest.history.ListeningHistory;
import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.ingest.profiles.SpotifyProfiles;
import io.tunemeld.ingest.run.IngestRunService.ListeningHistories;
import io.tunemeld.ingest.run.RunRecorder.Stored;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.schemas.MusicService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The Spotify listeners' plays (and the playlists they came from) and their profiles. */
class ListenerRunner {

    /** The genre slot of a listener's history in run outcomes, and of a playlist discovered from plays. */
    private static final String HISTORY_PREFIX = "history-";
    private static final String DISCOVERED_PREFIX = "discovered-";
    /** The genre slot of a listener's profile read in run outcomes. */
    private static final String PROFILES_PREFIX = "profiles-";
    private static final String SPOTIFY = MusicService.SPOTIFY.slug();

    private final ListeningHistories histories;
    private final ApiRunner apis;
    private final RunRecorder recorder;

    ListenerRunner(ListeningHistories histories, ApiRunner apis, RunRecorder recorder) {
        this.histories = histories;
        this.apis = apis;
        this.recorder = recorder;
    }

    /**
     * Each listener's new plays (genre {@code history-<user>} in the run's outcomes), then every playlist
     * listeners played from that was not fetched within the refresh period, through the playlist source.
     */
    void history(UUID runId, RunRequest.SpotifyHistory wanted, RunRequest request) {
        List<SpotifyHistoryProperties.Listener> chosen = listeners(runId, HISTORY_PREFIX, wanted.user());
        if (chosen.isEmpty()) {
            return;
        }
        for (SpotifyHistoryProperties.Listener listener : chosen) {
            String genre = HISTORY_PREFIX + listener.user();
            recorder.record(runId, genre, MusicService.SPOTIFY, () -> {
                ListeningHistory.Delta delta = histories.history().read(listener);
                if (request.dryRun()) {
                    return new Stored(new PlaylistOutcome(genre, SPOTIFY, PlaylistOutcome.Status.FETCHED,
                            "dry run: " + delta.describe() + "; nothing stored"));
                }
                ListeningHistory.Stored stored = histories.history().store(delta);
                return new Stored(new PlaylistOutcome(genre, SPOTIFY, PlaylistOutcome.Status.RECORDED, stored.newPlays() + " new plays, "
                        + stored.newPlaylists() + " new playlist(s); next read after "
                        + stored.cursor().map(Instant::toString).orElse("the same time")));
            });
        }
        if (!request.dryRun()) {
            apis.fetchAll(runId, histories.history().discoveredPlaylists().stream().map(playlistId -> new PlaylistRef(
                    DISCOVERED_PREFIX + playlistId.toLowerCase(Locale.ROOT), MusicService.SPOTIFY, playlistId)).toList(),
                    request, histories.playlistRefresh());
        }
    }

    /**
     * Each listener's account first, so that every listener's read checks whether they follow the others;
     * then per listener (genre {@code profiles-<user>} in the run's outcomes) the owners of the playlists
     * they played from and whom they follow, stored, and the users it describes published.
     */
    void profiles(UUID runId, RunRequest.ListenerProfiles wanted, boolean dryRun) {
        Map<SpotifyHistoryProperties.Listener, SpotifyProfiles.Account> accounts = new LinkedHashMap<>();
        for (SpotifyHistoryProperties.Listener listener : listeners(runId, PROFILES_PREFIX, wanted.user())) {
            try {
                accounts.put(listener, histories.profiles().account(listener));
            } catch (RuntimeException e) {
                recorder.record(runId, PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY, () -> {
                    throw e;
                });
            }
        }
        accounts.forEach((listener, account) -> recorder.record(runId, PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY, () -> {
            SpotifyProfiles.Graph graph = histories.profiles().read(account, accounts.values());
            String read = "account " + account.user().id() + "; " + graph.describe();
            if (dryRun) {
                return new Stored(new PlaylistOutcome(PROFILES_PREFIX + listener.user(), SPOTIFY, PlaylistOutcome.Status.FETCHED,
                        "dry run: " + read + "; nothing stored or published"));
            }
            int published = histories.users().publish(histories.profiles().store(graph));
            return new Stored(new PlaylistOutcome(PROFILES_PREFIX + listener.user(), SPOTIFY, PlaylistOutcome.Status.RECORDED,
                    read + "; " + published + " user(s) published"));
        }));
    }

    /**
     * The listeners chosen (one, or every one) when Spotify is configured for them; otherwise none, and the
     * run records why (genre {@code <prefix><user>}).
     */
    private List<SpotifyHistoryProperties.Listener> listeners(UUID runId, String prefix, Optional<String> wanted) {
        List<SpotifyHistoryProperties.Listener> chosen = histories.listeners().stream()
                .filter(listener -> wanted.map(listener.user()::equals).orElse(true)).toList();
        Optional<String> missing = apis.missingConfiguration(MusicService.SPOTIFY);
        if (missing.isEmpty() && chosen.isEmpty()) {
            missing = Optional.of(wanted.map(user -> "no refresh token for " + user).orElse("no listener") + " in SPOTIFY_LISTENER_TOKENS");
        }
        if (missing.isPresent()) {
            recorder.failed(runId, prefix + wanted.orElse("*"), SPOTIFY, "not configured: " + missing.get());
            return List.of();
        }
        return chosen;
    }
}
