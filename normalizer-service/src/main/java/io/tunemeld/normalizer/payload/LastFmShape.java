package io.tunemeld.normalizer.payload;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A listener's top tracks from Last.fm's {@code user.gettoptracks}: {@code {"toptracks": {"track": [...],
 * "@attr": {"user": ...}}}}. Numbers come as strings; the position is Last.fm's rank, the play count the
 * listener's plays, the service's id the MusicBrainz id when Last.fm knows one.
 */
class LastFmShape implements PayloadShape {

    @Override
    public boolean accepts(JsonNode root) {
        return root.isObject() && root.path("toptracks").path("track").isArray();
    }

    @Override
    public ParsedPlaylist parse(JsonNode root) {
        JsonNode tracks = root.path("toptracks").path("track");
        String user = Json.text(root.path("toptracks").path("@attr"), "user");
        List<ParsedEntry> entries = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < tracks.size(); i++) {
            JsonNode track = tracks.get(i);
            String title = Json.text(track, "name");
            // artist is an object with a name here, with a "#text" in Last.fm's other track lists
            String artist = track.path("artist").isObject()
                    ? firstNonNull(Json.text(track.path("artist"), "name"), Json.text(track.path("artist"), "#text"))
                    : Json.text(track, "artist");
            if (!track.isObject() || title == null || artist == null) {
                skipped++;
                continue;
            }
            Long plays = number(track, "playcount");
            Long rank = number(track.path("@attr"), "rank");
            entries.add(new ParsedEntry(rank == null ? i + 1 : rank.intValue(), title, List.of(artist), null, null,
                    Json.text(track, "mbid"), Json.text(track, "url"), largestImage(track.path("image")), null, plays));
        }
        return new ParsedPlaylist(tracks.size(), skipped, user == null ? "Top tracks on Last.fm" : user + "'s top tracks on Last.fm",
                user == null ? null : "https://www.last.fm/user/" + user + "/library/tracks", entries);
    }

    /** A whole number given as a number or as a string of digits; anything else reads as absent. */
    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        String text = Json.text(node, field);
        return text != null && text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    /** Images come smallest first, each {"#text": url, "size": ...}; an empty url means none. */
    private static String largestImage(JsonNode images) {
        String largest = null;
        for (JsonNode image : images) {
            String url = Json.text(image, "#text");
            if (url != null) {
                largest = url;
            }
        }
        return largest;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
