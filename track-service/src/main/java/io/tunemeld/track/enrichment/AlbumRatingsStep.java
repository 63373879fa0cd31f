package io.tunemeld.track.enrichment;

import io.tunemeld.platform.http.ApiException;
import io.tunemeld.track.albums.AlbumOfTheYearClient;
import io.tunemeld.track.albums.AlbumRating;
import io.tunemeld.track.enrichment.EnrichmentSchedule.Outcome;
import io.tunemeld.track.enrichment.EnrichmentSchedule.State;
import io.tunemeld.track.enrichment.StepResults.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/** An album's scores on albumoftheyear.org, for every track of it. */
class AlbumRatingsStep implements StepHandler {

    private final AlbumOfTheYearClient albumRatings;
    private final EnrichmentRepository repository;
    private final StepResults results;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AlbumRatingsStep(AlbumOfTheYearClient albumRatings, EnrichmentRepository repository, StepResults results, TransactionTemplate transaction,
            Clock clock) {
        this.albumRatings = albumRatings;
        this.repository = repository;
        this.results = results;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public Result handle(State state, boolean force) {
        Optional<Album> album = repository.album(state.subject());
        if (album.isEmpty()) {
            return results.finish(state, Outcome.NOT_FOUND, "no album under this key");
        }
        Optional<AlbumRating> rating;
        try {
            rating = albumRatings.rating(album.get().artist(), album.get().title());
        } catch (ApiException e) {
            return results.finish(state, Outcome.FAILED, e.getMessage());
        }
        if (rating.isEmpty()) {
            return results.finish(state, Outcome.NOT_FOUND, "albumoftheyear.org lists no rated album " + album.get().title() + " by "
                    + album.get().artist());
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            repository.saveAlbumRating(state.subject(), rating.get(), now);
            results.finish(state, Outcome.ENRICHED, rating.get().url(), now);
        });
        // every track of the album now carries its rating
        return new Result(Outcome.ENRICHED, rating.get().url(), results.enriched(EnrichmentStep.ALBUM_RATINGS, state.subject()));
    }
}
