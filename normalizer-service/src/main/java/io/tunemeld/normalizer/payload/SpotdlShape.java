package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * spotdl's playlist export: a JSON array of tracks. The array order is not the playlist order;
 * {@code list_position} is, and {@code list_length} is the playlist's full length.
 */
class SpotdlShape implements PayloadShape {

    @Override
    public boolean accepts(JsonNode root) {
        return root.isArray();
    }

    @Override
    public ParsedPlaylist parse(JsonNode root) {
        List<ParsedEntry> entries = new ArrayList<>();
        int skipped = 0;
        int length = root.size();
        for (JsonNode track : root) {
            Integer listLength = Json.integer(track, "list_length");
            if (listLength != null) {
                length = Math.max(length, listLength);
            }
            Integer position = Json.integer(track, "list_position");
            String title = Json.text(track, "name");
            if (position == null || position < 1 || title == null) {
                skipped++;
                continue;
            }
            List<String> artists = Json.names(track.path("artists"));
            if (artists.isEmpty() && Json.text(track, "artist") != null) {
                artists = List.of(Json.text(track, "artist"));
            }
            entries.add(new ParsedEntry(position, title, artists, Json.text(track, "album_name"), Json.text(track, "isrc"),
                    Json.text(track, "song_id"), Json.text(track, "url"), Json.text(track, "cover_url"), null));
        }
        return new ParsedPlaylist(length, skipped, null, null, entries);
    }
}
