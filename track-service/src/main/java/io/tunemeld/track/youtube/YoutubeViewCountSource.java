package io.tunemeld.track.youtube;

import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.views.ViewCountSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** YouTube view counts through {@code videos.list}, 50 videos a call. */
public class YoutubeViewCountSource implements ViewCountSource {

    private final Optional<YoutubeClient> client;

    /** @param client empty when no API key is set */
    public YoutubeViewCountSource(Optional<YoutubeClient> client) {
        this.client = client;
    }

    @Override
    public MusicService service() {
        return MusicService.YOUTUBE;
    }

    @Override
    public boolean available() {
        return client.isPresent();
    }

    @Override
    public Map<String, ViewCount> fetch(Map<String, String> urls) {
        Map<String, ViewCount> counts = new HashMap<>();
        Map<String, List<String>> isrcsByVideo = new HashMap<>();
        urls.forEach((isrc, url) -> YoutubeClient.videoId(url).ifPresentOrElse(
                id -> isrcsByVideo.computeIfAbsent(id, any -> new ArrayList<>()).add(isrc),
                () -> counts.put(isrc, ViewCount.failed("not a YouTube video URL: " + url))));
        List<String> videos = List.copyOf(isrcsByVideo.keySet());
        String quotaExceeded = null;
        for (int from = 0; from < videos.size(); from += YoutubeClient.MAX_VIDEOS_PER_CALL) {
            List<String> batch = videos.subList(from, Math.min(videos.size(), from + YoutubeClient.MAX_VIDEOS_PER_CALL));
            Map<String, Long> views = Map.of();
            String failure = quotaExceeded;
            if (failure == null) {
                try {
                    views = client.orElseThrow().viewCounts(batch);
                } catch (YoutubeQuotaExceededException e) {
                    // no call can succeed before the quota resets, so the rest fail with the same reason
                    quotaExceeded = failure = e.getMessage();
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            for (String video : batch) {
                ViewCount count = failure != null ? ViewCount.failed(failure)
                        : views.containsKey(video) ? ViewCount.of(views.get(video))
                        : ViewCount.failed("YouTube has no view count for video " + video);
                isrcsByVideo.get(video).forEach(isrc -> counts.put(isrc, count));
            }
        }
        return counts;
    }
}
