package io.tunemeld.ingest.profiles;

import io.tunemeld.events.OwnedPlaylist;
import io.tunemeld.events.SpotifyUserRead;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.springframework.stereotype.Component;

/** Each user a profile read described, whole as now stored, keyed by user: the read model keeps the newest. */
@Component
public class SpotifyUserPublisher {

    private final SpotifyUserRepository repository;
    private final EventSender sender;
    private final Clock clock;

    SpotifyUserPublisher(SpotifyUserRepository repository, EventSender sender, Clock clock) {
        this.repository = repository;
        this.sender = sender;
        this.clock = clock;
    }

    /** Publishes them and waits for the broker; returns how many were published. */
    public int publish(Collection<String> userIds) {
        Instant now = clock.instant();
        EventSender.Batch batch = sender.batch();
        int published = 0;
        for (String userId : userIds) {
            var known = repository.known(userId);
            if (known.isEmpty()) {
                continue;
            }
            SpotifyUser user = known.get().user();
            batch.add(Topics.SPOTIFY_USERS, userId, SpotifyUserRead.newBuilder()
                    .setEventId(EventIds.of("spotify-user", userId, now.toString()))
                    .setOccurredAt(now)
                    .setUserId(userId)
                    .setDisplayName(user.displayName())
                    .setUrl(user.url())
                    .setImageUrl(user.imageUrl())
                    .setFollowers(user.followers())
                    .setListener(known.get().listener())
                    .setFollows(known.get().follows().orElse(null))
                    .setPlaylists(known.get().playlists().stream().map(playlist -> new OwnedPlaylist(playlist.id(), playlist.name(),
                            playlist.url())).toList())
                    .setReadAt(known.get().readAt())
                    .build());
            published++;
        }
        batch.await();
        return published;
    }
}
