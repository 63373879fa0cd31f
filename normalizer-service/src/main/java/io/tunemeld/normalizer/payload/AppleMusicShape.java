package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Apple Music through the RapidAPI scraper: {@code {"album_details": {"0": {name, artist, album, link}}}}.
 * The position is the key + 1; text is HTML-escaped; there is no ISRC.
 */
class AppleMusicShape implements PayloadShape {

    @Override
    public boolean accepts(JsonNode root) {
        return root.isObject() && root.path("album_details").isObject();
    }

    @Override
    public ParsedPlaylist parse(JsonNode root) {
        List<ParsedEntry> entries = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, JsonNode> item : root.path("album_details").properties()) {
            Integer index = index(item.getKey());
            JsonNode track = item.getValue();
            String title = Json.text(track, "name");
            if (index == null || title == null) {
                skipped++;
                continue;
            }
            String artist = Json.text(track, "artist");
            entries.add(new ParsedEntry(index + 1, title, artist == null ? List.of() : List.of(artist),
                    Json.text(track, "album"), null, null, Json.text(track, "link"), null, null));
        }
        return new ParsedPlaylist(root.path("album_details").size(), skipped, null, null, entries);
    }

    private static Integer index(String key) {
        try {
            int index = Integer.parseInt(key);
            return index >= 0 ? index : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
