package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The Spotify Web API playlist-items page: {@code {total, offset, next, items: [{track: {...}}]}}.
 * Positions count from the page's offset; an item without a track (removed, local file) still takes
 * its position and is counted as skipped.
 */
class SpotifyWebApiShape implements PayloadShape {

    @Override
    public boolean accepts(JsonNode root) {
        return root.isObject() && root.path("items").isArray() && !root.has("album_details") && !root.has("tracks");
    }

    @Override
    public ParsedPlaylist parse(JsonNode root) {
        JsonNode items = root.path("items");
        int offset = Json.integer(root, "offset") == null ? 0 : Json.integer(root, "offset");
        Integer total = Json.integer(root, "total");
        List<ParsedEntry> entries = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode track = items.get(i).path("track");
            String title = Json.text(track, "name");
            if (!track.isObject() || title == null) {
                skipped++;
                continue;
            }
            JsonNode album = track.path("album");
            JsonNode images = album.path("images");
            String artwork = images.isArray() && !images.isEmpty() ? Json.text(images.get(0), "url") : null;
            entries.add(new ParsedEntry(offset + i + 1, title, Json.names(track.path("artists")), Json.text(album, "name"),
                    Json.text(track.path("external_ids"), "isrc"), Json.text(track, "id"),
                    Json.text(track.path("external_urls"), "spotify"), artwork, null));
        }
        int length = Math.max(total == null ? 0 : total, offset + items.size());
        return new ParsedPlaylist(length, skipped, Json.text(root, "name"), null, entries);
    }
}
