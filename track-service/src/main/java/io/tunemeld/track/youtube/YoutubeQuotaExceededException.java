package io.tunemeld.track.youtube;

/** YouTube answered 403 quotaExceeded: no more searches today. */
public class YoutubeQuotaExceededException extends RuntimeException {

    YoutubeQuotaExceededException(String message) {
        super(message);
    }
}
