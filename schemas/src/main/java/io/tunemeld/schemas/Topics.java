package io.tunemeld.schemas;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.EnrichmentRequested;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.events.ReplayRequested;
import io.tunemeld.events.RunFinished;
import io.tunemeld.events.ServiceTrackResolved;
import io.tunemeld.events.SpotifyUserRead;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.events.ViewsCounted;
import java.util.List;

/** The topics, each with the event it carries: {@code <writer>.<plural-noun>}, each written by exactly one service. */
public final class Topics {

    /** The names alone, for annotations, which take only constants ({@code @KafkaListener(topics = ...)}). */
    public static final class Names {
        public static final String RAW_PLAYLISTS = "ingest.raw-playlists";
        public static final String SERVICE_TRACKS = "normalizer.service-tracks";
        public static final String PLAYLIST_SNAPSHOTS = "normalizer.playlist-snapshots";
        public static final String TRACKS = "track.tracks";
        public static final String AGGREGATES = "aggregate.playlists";
        public static final String VIEW_COUNTS = "track.view-counts";
        public static final String ENRICHMENT_REQUESTS = "track.enrichment-requests";
        public static final String ENRICHMENTS = "track.enrichments";
        public static final String INGEST_RUNS = "ingest.runs";
        public static final String TRACK_RUNS = "track.runs";
        public static final String SPOTIFY_USERS = "ingest.spotify-users";

        private Names() {
        }
    }

    public static final Topic<RawPlaylistFetched> RAW_PLAYLISTS = new Topic<>(Names.RAW_PLAYLISTS, RawPlaylistFetched.class);
    public static final Topic<ServiceTrackResolved> SERVICE_TRACKS = new Topic<>(Names.SERVICE_TRACKS, ServiceTrackResolved.class);
    public static final Topic<PlaylistSnapshotResolved> PLAYLIST_SNAPSHOTS = new Topic<>(Names.PLAYLIST_SNAPSHOTS,
            PlaylistSnapshotResolved.class);
    public static final Topic<TrackCanonicalized> TRACKS = new Topic<>(Names.TRACKS, TrackCanonicalized.class);
    public static final Topic<AggregateComputed> AGGREGATES = new Topic<>(Names.AGGREGATES, AggregateComputed.class);
    public static final Topic<ViewsCounted> VIEW_COUNTS = new Topic<>(Names.VIEW_COUNTS, ViewsCounted.class);
    /** The enrichment cascade's next steps: track-service requests them of itself, so each step is an event. */
    public static final Topic<EnrichmentRequested> ENRICHMENT_REQUESTS = new Topic<>(Names.ENRICHMENT_REQUESTS, EnrichmentRequested.class);
    public static final Topic<TrackEnriched> ENRICHMENTS = new Topic<>(Names.ENRICHMENTS, TrackEnriched.class);
    /** Every ingest run's result, for the notifier. */
    public static final Topic<RunFinished> INGEST_RUNS = new Topic<>(Names.INGEST_RUNS, RunFinished.class);
    /** Every view-count run's result (and the enrichment's periodic report), for the notifier. */
    public static final Topic<RunFinished> TRACK_RUNS = new Topic<>(Names.TRACK_RUNS, RunFinished.class);
    /** The listeners' Spotify profiles and the users around them (who follows whom, who owns which playlist). */
    public static final Topic<SpotifyUserRead> SPOTIFY_USERS = new Topic<>(Names.SPOTIFY_USERS, SpotifyUserRead.class);

    public static final List<Topic<?>> ALL = List.of(RAW_PLAYLISTS, SERVICE_TRACKS, PLAYLIST_SNAPSHOTS, TRACKS, AGGREGATES, VIEW_COUNTS,
            ENRICHMENT_REQUESTS, ENRICHMENTS, INGEST_RUNS, TRACK_RUNS, SPOTIFY_USERS);

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
    public static Topic<ReplayRequested> replayRequests(String service) {
        return new Topic<>(service.replaceFirst("-service$", "") + ".replay-requests", ReplayRequested.class);
    }

    /** Key of the per-playlist topics: {@code <genre>/<service>}. */
    public static String playlistKey(String genre, MusicService service) {
        return genre + "/" + service.slug();
    }
}
