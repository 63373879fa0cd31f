package io.tunemeld.track.enrichment;

import io.tunemeld.matching.TrackKeys;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyTrack;
import io.tunemeld.platform.spotify.SpotifyTrackDetails;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Outcome;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Planned;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.enrichment.StepResults.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.transaction.support.TransactionTemplate;

/** A track's Spotify metadata; then its artists, its album's ratings and its audience, as its genres want them. */
class TrackMetadataStep implements StepHandler {

    private static final Pattern SPOTIFY_TRACK_URL = Pattern.compile("open\\.spotify\\.com/(?:intl-[a-z]+/)?track/([A-Za-z0-9]+)");

    private final Optional<SpotifyClient> spotify;
    private final EnrichmentProperties properties;
    private final EnrichmentSchedule schedule;
    private final EnrichmentRepository repository;
    private final StepResults results;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TrackMetadataStep(Optional<SpotifyClient> spotify, EnrichmentProperties properties, EnrichmentSchedule schedule,
            EnrichmentRepository repository, StepResults results, TransactionTemplate transaction, Clock clock) {
        this.spotify = spotify;
        this.properties = properties;
        this.schedule = schedule;
        this.repository = repository;
        this.results = results;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public Result handle(State state, boolean force) {
        if (spotify.isEmpty()) {
            return results.finish(state, Outcome.SKIPPED, StepResults.SPOTIFY_NOT_CONFIGURED);
        }
        Optional<EnrichmentRepository.TrackFacts> track = repository.track(state.subject());
        if (track.isEmpty()) {
            // re-keyed: its sightings, and its enrichment, are the new key's now
            schedule.forget(state.subject());
            return new Result(Outcome.NOT_FOUND, "no track under this key any more");
        }
        SpotifyTrackDetails details;
        try {
            Optional<String> id = spotifyId(track.get());
            if (id.isEmpty()) {
                return results.finishThenAudience(state, force, Outcome.NOT_FOUND, track.get().isrc() == null
                        ? "no Spotify page and no ISRC to search by" : "Spotify has no track with ISRC " + track.get().isrc());
            }
            details = spotify.get().track(id.get());
        } catch (ApiException e) {
            return e.status() == 404 ? results.finishThenAudience(state, force, Outcome.NOT_FOUND, e.getMessage())
                    : results.finish(state, Outcome.FAILED, e.getMessage());
        }
        Instant now = clock.instant();
        EnrichmentProperties.Policy policy = properties.policy(state.genres());
        transaction.executeWithoutResult(status -> {
            repository.saveTrack(state.subject(), details, now);
            if (policy.artistMetadata()) {
                schedule.plan(EnrichmentStep.ARTIST_METADATA, details.artists().stream().map(SpotifyTrackDetails.Artist::id)
                        .filter(id -> !id.isBlank()).distinct().map(id -> new Planned(id, Set.copyOf(state.genres()), now)).toList(), force, now);
            }
            if (policy.albumRatings()) {
                Album.of(details).ifPresent(album -> {
                    repository.saveAlbum(album);
                    schedule.plan(EnrichmentStep.ALBUM_RATINGS, List.of(new Planned(album.key(), Set.copyOf(state.genres()), now)), force, now);
                });
            }
            results.planAudience(state, policy, force, now);
            results.finish(state, Outcome.ENRICHED, details.id(), now);
        });
        return new Result(Outcome.ENRICHED, details.id(), results.enriched(EnrichmentStep.TRACK_METADATA, state.subject()));
    }

    /** The Spotify id: from the key, from the Spotify page, else the first search hit for the ISRC. */
    private Optional<String> spotifyId(EnrichmentRepository.TrackFacts track) {
        Optional<String> fromKey = TrackKeys.spotifyId(track.trackKey());
        if (fromKey.isPresent()) {
            return fromKey;
        }
        if (track.spotifyUrl() != null) {
            Matcher page = SPOTIFY_TRACK_URL.matcher(track.spotifyUrl());
            if (page.find()) {
                return Optional.of(page.group(1));
            }
        }
        if (track.isrc() == null) {
            return Optional.empty();
        }
        List<SpotifyTrack> hits = spotify.orElseThrow().searchTracks("isrc:" + track.isrc());
        return hits.stream().filter(hit -> track.isrc().equals(hit.isrc())).findFirst().or(() -> hits.stream().findFirst())
                .map(SpotifyTrack::id);
    }
}
