package io.tunemeld.ingest.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SpotifyUserTest {

    private static SpotifyUser parse(String json) {
        return SpotifyUser.of(JsonMapper.shared().readTree(json)).orElse(null);
    }

    @Test
    void aProfileKeepsItsNameWebAddressesAndFollowersWhereSpotifyGivesThem() {
        SpotifyUser user = parse("""
                {"id": "dj-kofi.99_x", "display_name": "DJ Kofi", "external_urls": {"spotify": "https://open.spotify.com/user/dj-kofi.99_x"},
                 "images": [{"url": "https://i.scdn.co/image/ab67"}], "followers": {"total": 1200}}""");
        assertThat(user).isEqualTo(new SpotifyUser("dj-kofi.99_x", "DJ Kofi", "https://open.spotify.com/user/dj-kofi.99_x",
                "https://i.scdn.co/image/ab67", 1200L));
        assertThat(parse("{\"id\": \"mira\"}")).as("development-mode apps get no followers")
                .isEqualTo(new SpotifyUser("mira", null, null, null, null));
    }

    @Test
    void anIdThatCouldCarryAnotherUserOrAPathIsRefused() {
        for (String id : new String[] {"mallory,spotify:user:victim", "../me", "a b", "", "x".repeat(65), "mallory%2Cvictim"}) {
            assertThat(parse("{\"id\": \"" + id + "\"}")).as(id).isNull();
        }
        assertThat(parse("{\"id\": 42}")).isNull();
    }

    @Test
    void onlyWebAddressesAreKept() {
        SpotifyUser user = parse("""
                {"id": "mallory", "external_urls": {"spotify": "javascript:alert(1)"}, "images": [{"url": "data:image/png;base64,AAAA"}]}""");
        assertThat(user.url()).isNull();
        assertThat(user.imageUrl()).isNull();
    }
}
