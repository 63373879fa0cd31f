package io.tunemeld.platform.retention;

/**
 * History a service keeps for a while only: a delete of the rows older than the retention's cut-off. The
 * statement names {@code :before} (a timestamp) or {@code :beforeDate} (that day, UTC) for the cut-off.
 *
 * @param what what the rows are, as the job's report names them
 */
public record RetentionRule(String what, String delete) {
}
