package io.tunemeld.schemas;

import java.util.List;

/** Topic names: {@code <writer>.<plural-noun>}, each written by exactly one service. */
public final class Topics {

    public static final String RAW_PLAYLISTS = "ingest.raw-playlists";
    public static final String SERVICE_TRACKS = "normalizer.service-tracks";
    public static final String PLAYLIST_SNAPSHOTS = "normalizer.playlist-snapshots";
    public static final String TRACKS = "track.tracks";
    public static final String AGGREGATES = "aggregate.playlists";
    public static final String VIEW_COUNTS = "track.view-counts";
    /** The enrichment cascade's next steps: track-service requests them of itself, so each step is an event. */
    public static final String ENRICHMENT_REQUESTS = "track.enrichment-requests";
    public static final String ENRICHMENTS = "track.enrichments";
    /** Every ingest run's result, for the notifier. */
    public static final String INGEST_RUNS = "ingest.runs";
    /** Every view-count run's result, for the notifier. */
    public static final String TRACK_RUNS = "track.runs";
    /** The listeners' Spotify profiles and the users around them (who follows whom, who owns which playlist). */
    public static final String SPOTIFY_USERS = "ingest.spotify-users";

    public static final List<String> ALL = List.of(RAW_PLAYLISTS, SERVICE_TRACKS, PLAYLIST_SNAPSHOTS, TRACKS, AGGREGATES, VIEW_COUNTS,
            ENRICHMENT_REQUESTS, ENRICHMENTS, INGEST_RUNS, TRACK_RUNS, SPOTIFY_USERS);

    /** Written and read only by {@code ./tunemeld bench}, to measure the broker with no service in the way. */
    public static final String BENCH_BASELINE = "bench.baseline-records";

    private static final String DLT_SUFFIX = "-dlt";

    private Topics() {
    }

    /** The dead-letter topic of a topic, written by the service that failed to process it. */
    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    /**
     * A service's replay requests: written by whichever of its replicas an operator asked (through its
     * token-protected actuator), read by every one of them. {@code normalizer-service} -> {@code normalizer.replay-requests}.
     */
    public static String replayRequests(String service) {
        return service.replaceFirst("-service$", "") + ".replay-requests";
    }

    /** Key of the per-playlist topics: {@code <genre>/<service>}. */
    public static String playlistKey(String genre, MusicService service) {
        return genre + "/" + service.slug();
    }
}
