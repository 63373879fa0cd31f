package io.tunemeld.cache.profiles;

import io.tunemeld.cache.readmodel.ReadModelProjection;
import io.tunemeld.events.SpotifyUserRead;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.platform.web.WebUrls;
import io.tunemeld.schemas.Topics;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the newest description of each Spotify user; GraphQL answers from it. */
@Component
class SpotifyUserListener extends ReplayableListener {

    private final SpotifyUserRepository repository;
    private final ReadModelProjection readModel;

    SpotifyUserListener(SpotifyUserRepository repository, ReadModelProjection readModel) {
        this.repository = repository;
        this.readModel = readModel;
    }

    @KafkaListener(topics = Topics.Names.SPOTIFY_USERS)
    void on(SpotifyUserRead event) {
        var user = new SpotifyUserView(event.getUserId(), event.getDisplayName(), WebUrls.webOrNull(event.getUrl()),
                WebUrls.webOrNull(event.getImageUrl()), event.getFollowers(), event.getListener(),
                event.getFollows() == null ? null : List.copyOf(event.getFollows()),
                event.getPlaylists().stream().map(playlist -> new SpotifyUserView.Playlist(playlist.getId(), playlist.getName(),
                        WebUrls.webOrNull(playlist.getUrl()))).toList(), event.getReadAt().toString());
        if (repository.save(user, event.getOccurredAt())) {
            // answers the response cache holds may name this user
            readModel.changed();
        }
    }
}
