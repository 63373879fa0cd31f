package io.tunemeld.track.canonical;

import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import org.springframework.stereotype.Component;

@Component
class TrackPublisher {

    private final Clock clock;

    TrackPublisher(Clock clock) {
        this.clock = clock;
    }

    void publish(CanonicalTrack track, EventSender.Batch published) {
        published.add(Topics.TRACKS, track.trackKey(), event(track).setEventId(EventIds.of(track.toString())).build());
    }

    /** The track's last state, announced as gone under its key: its sightings are now under {@code replacedBy}. */
    void publishReplaced(CanonicalTrack track, String replacedBy, EventSender.Batch published) {
        published.add(Topics.TRACKS, track.trackKey(), event(track).setEventId(EventIds.of(track + " replaced by " + replacedBy))
                .setReplacedBy(replacedBy).build());
    }

    private TrackCanonicalized.Builder event(CanonicalTrack track) {
        return TrackCanonicalized.newBuilder()
                .setOccurredAt(clock.instant())
                .setTrackKey(track.trackKey())
                .setIsrc(track.isrc())
                .setTitle(track.title())
                .setArtist(track.artist())
                .setAlbum(track.album())
                .setArtworkUrl(track.artworkUrl())
                .setSpotifyUrl(track.urls().get(MusicService.SPOTIFY))
                .setAppleMusicUrl(track.urls().get(MusicService.APPLE_MUSIC))
                .setSoundcloudUrl(track.urls().get(MusicService.SOUNDCLOUD))
                .setYoutubeUrl(track.urls().get(MusicService.YOUTUBE))
                .setServices(track.services().stream().map(MusicService::slug).toList());
    }
}
