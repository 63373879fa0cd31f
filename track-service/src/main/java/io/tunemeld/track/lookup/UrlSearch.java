package io.tunemeld.track.lookup;

import io.tunemeld.schemas.MusicService;
import java.util.Optional;

/** Finds a track's page on a service that did not link it. */
public interface UrlSearch {

    /** What a search is given: the track as TuneMeld knows it. */
    record TrackQuery(String isrc, String title, String artist) {

        /** The words searched for. */
        public String text() {
            return artist + " " + title;
        }
    }

    MusicService service();

    /**
     * @return the page of this very track, or empty when the search found none sure enough
     * @throws QuotaExceededException when the service allows no more searches for now
     */
    Optional<String> find(TrackQuery track);
}
