package io.tunemeld.track.enrichment;

import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.spotify.SpotifyArtist;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Outcome;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.enrichment.StepResults.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/** An artist's Spotify metadata (genres, popularity, followers), for every track naming them. */
class ArtistMetadataStep implements StepHandler {

    private final Optional<SpotifyClient> spotify;
    private final EnrichmentRepository repository;
    private final StepResults results;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ArtistMetadataStep(Optional<SpotifyClient> spotify, EnrichmentRepository repository, StepResults results, TransactionTemplate transaction,
            Clock clock) {
        this.spotify = spotify;
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
        SpotifyArtist artist;
        try {
            artist = spotify.get().artist(state.subject());
        } catch (ApiException e) {
            return results.finish(state, e.status() == 404 ? Outcome.NOT_FOUND : Outcome.FAILED, e.getMessage());
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            repository.saveArtist(artist, now);
            results.finish(state, Outcome.ENRICHED, artist.name(), now);
        });
        // the tracks naming the artist now carry its genres
        return new Result(Outcome.ENRICHED, artist.name(), results.enriched(EnrichmentStep.ARTIST_METADATA, artist.id()));
    }
}
