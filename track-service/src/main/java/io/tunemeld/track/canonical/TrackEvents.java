package io.tunemeld.track.canonical;

import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.canonical.CanonicalTrackRepository.Stored;
import java.time.Clock;
import org.springframework.stereotype.Component;

@Component
class TrackEvents {

    private final Clock clock;

    TrackEvents(Clock clock) {
        this.clock = clock;
    }

    /** The track as stored, keyed by track. */
    OutgoingEvent<TrackCanonicalized> canonicalized(Stored stored) {
        return new OutgoingEvent<>(Topics.TRACKS, stored.track().trackKey(), event(stored).setEventId(EventIds.of(stored.toString())).build());
    }

    /** The track's last state, announced as gone under its key: its sightings are now under {@code replacedBy}. */
    OutgoingEvent<TrackCanonicalized> replaced(Stored stored, String replacedBy) {
        return new OutgoingEvent<>(Topics.TRACKS, stored.track().trackKey(), event(stored)
                .setEventId(EventIds.of(stored + " replaced by " + replacedBy)).setReplacedBy(replacedBy).build());
    }

    private TrackCanonicalized.Builder event(Stored stored) {
        CanonicalTrack track = stored.track();
        return TrackCanonicalized.newBuilder()
                .setOccurredAt(clock.instant())
                .setVersion(stored.version())
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
