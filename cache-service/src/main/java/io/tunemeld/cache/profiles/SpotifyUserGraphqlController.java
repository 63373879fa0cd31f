package io.tunemeld.cache.profiles;

import io.tunemeld.cache.graphql.InvalidArgumentException;
import io.tunemeld.platform.spotify.SpotifyUserIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The listeners, the users around them and who follows whom; the users a response names are loaded in one query. */
@Controller
class SpotifyUserGraphqlController {

    private final SpotifyUserRepository repository;

    SpotifyUserGraphqlController(SpotifyUserRepository repository) {
        this.repository = repository;
    }

    @QueryMapping
    List<SpotifyUserView> listeners() {
        return repository.listeners();
    }

    @QueryMapping
    SpotifyUserView spotifyUser(@Argument String id) {
        if (!SpotifyUserIds.wellFormed(id)) {
            throw new InvalidArgumentException("id must be a Spotify user id: " + SpotifyUserIds.FORM);
        }
        return repository.byIds(List.of(id)).get(id);
    }

    /** Null where not checked; a followed user TuneMeld holds no description of is left out. */
    @BatchMapping(typeName = "SpotifyUser")
    Map<SpotifyUserView, List<SpotifyUserView>> follows(List<SpotifyUserView> users) {
        Map<String, SpotifyUserView> known = repository.byIds(users.stream().filter(user -> user.followIds() != null)
                .flatMap(user -> user.followIds().stream()).distinct().toList());
        Map<SpotifyUserView, List<SpotifyUserView>> follows = new LinkedHashMap<>();
        users.forEach(user -> follows.put(user, user.followIds() == null ? null
                : user.followIds().stream().map(known::get).filter(Objects::nonNull).toList()));
        return follows;
    }

    @BatchMapping(typeName = "SpotifyUser")
    Map<SpotifyUserView, List<SpotifyUserView>> followedBy(List<SpotifyUserView> users) {
        Map<String, List<SpotifyUserView>> followers = repository.followers(users.stream().map(SpotifyUserView::id).distinct().toList());
        Map<SpotifyUserView, List<SpotifyUserView>> followedBy = new LinkedHashMap<>();
        users.forEach(user -> followedBy.put(user, followers.getOrDefault(user.id(), List.of())));
        return followedBy;
    }
}
