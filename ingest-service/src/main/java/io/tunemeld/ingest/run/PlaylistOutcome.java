package io.tunemeld.ingest.run;

/** What happened to one playlist in one run. */
public record PlaylistOutcome(String genre, String service, Status status, String detail) {

    public enum Status {
        /** New content, stored and published. */
        PUBLISHED,
        /** Same content as already published: nothing new downstream. */
        UNCHANGED,
        /** Could not be fetched, stored or published; the reason is in the detail. */
        FAILED
    }
}
