package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * SoundCloud through the RapidAPI scraper: {@code {"tracks": {"items": [...], "nextOffset": n}}}.
 * {@code publisher} (artist, ISRC) may be null; then the artist is left empty and the title kept
 * whole, since it is often "Artist - Title" and the uploading channel is not necessarily the artist.
 */
class SoundCloudShape implements PayloadShape {

    @Override
    public boolean accepts(JsonNode root) {
        return root.isObject() && root.path("tracks").path("items").isArray();
    }

    @Override
    public ParsedPlaylist parse(JsonNode root) {
        JsonNode items = root.path("tracks").path("items");
        List<ParsedEntry> entries = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode track = items.get(i);
            String title = Json.text(track, "title");
            if (!track.isObject() || title == null) {
                skipped++;
                continue;
            }
            JsonNode publisher = track.path("publisher");
            String artist = Json.text(publisher, "artist");
            String artwork = Json.text(track, "artworkUrl") != null ? Json.text(track, "artworkUrl") : Json.text(track, "artwork_url");
            String id = track.path("id").isNumber() ? track.path("id").asString() : Json.text(track, "id");
            entries.add(new ParsedEntry(i + 1, title, artist == null ? List.of() : List.of(artist), Json.text(publisher, "albumTitle"),
                    Json.text(publisher, "isrc"), id, Json.text(track, "permalink"), artwork, Json.text(track.path("user"), "name")));
        }
        return new ParsedPlaylist(items.size(), skipped, Json.text(root, "title"), Json.text(root, "permalinkUrl"), entries);
    }
}
