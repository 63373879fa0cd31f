package io.tunemeld.track.youtube;

import io.tunemeld.track.lookup.QuotaExceededException;

/** YouTube answered 403 quotaExceeded: no more searches today. */
public class YoutubeQuotaExceededException extends QuotaExceededException {

    YoutubeQuotaExceededException(String message) {
        super(message);
    }
}
