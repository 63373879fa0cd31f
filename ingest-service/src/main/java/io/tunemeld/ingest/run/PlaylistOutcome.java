package io.tunemeld.ingest.run;

/**
 * What happened to one playlist in one run.
 *
 * @param durationMs how long it took, when it was attempted
 */
public record PlaylistOutcome(String genre, String service, Status status, String detail, Long durationMs) {

    public PlaylistOutcome(String genre, String service, Status status, String detail) {
        this(genre, service, status, detail, null);
    }

    PlaylistOutcome took(long millis) {
        return new PlaylistOutcome(genre, service, status, detail, millis);
    }

    public enum Status {
        /** Fetched, new content, stored and published. */
        PUBLISHED,
        /** Fetched, same content as already published: nothing new downstream. */
        UNCHANGED,
        /** Not fetched: fetched recently enough (the playlist cache TTL and refresh day). */
        CACHED,
        /** Fetched on a dry run: nothing stored or published; what was fetched is in the detail. */
        FETCHED,
        /** A listening history read and its new plays stored (plays are kept, not published). */
        RECORDED,
        /** Could not be fetched, stored or published; the reason is in the detail. */
        FAILED
    }
}
