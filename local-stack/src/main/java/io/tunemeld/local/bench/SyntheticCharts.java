package io.tunemeld.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chart payloads made up for load: G genres, each with one playlist per service (Spotify in spotDL's
 * shape, Apple Music and SoundCloud in the RapidAPI scrapers' shapes), in P editions (the same charts on
 * later days, a tenth of each replaced and the order moved), of T entries each. A share of each genre's
 * songs is on all three services, spelled each service's way, so the real parsers and the catalog
 * matcher do their real work: Spotify gives ISRCs; Apple Music never does, writes HTML entities and keeps
 * featured artists in the title; SoundCloud states the ISRC for most uploads, only the artist for some,
 * and nothing but an "Artist - Title" title for the rest.
 *
 * @param prefix the genres are named {@code <prefix>00001}, {@code <prefix>00002}, ...
 * @param shared the share of a playlist's entries that are on every service's playlist of the genre
 */
public record SyntheticCharts(String prefix, int genres, int editions, int tracks, double shared, long seed) {

    static final List<String> SERVICES = List.of("spotify", "apple_music", "soundcloud");
    private static final String[] WORDS = ("love night fire heart dance light dream gold wild summer rain city"
            + " midnight shadow river electric velvet neon ocean thunder sugar honey diamond echo paradise"
            + " highway broken forever tonight young crazy lonely falling rising golden silver blue red"
            + " feel move closer higher deeper faster slow better stay run hold touch call wait miss need"
            + " home heaven storm moon sun star sky wave shine glow burn breathe loud quiet sweet bitter"
            + " first last only every never always again away around between inside outside over under").split(" ");
    private static final String[] FIRST = {"Ana", "Bea", "Chloé", "Dani", "Émile", "Finn", "Gia", "Hugo", "Inès", "Jonas",
        "Kai", "Léa", "Milo", "Noé", "Olga", "Pía", "Rafa", "Søren", "Tove", "Zoë"};
    private static final String[] LAST = {"Alvarez", "Berg", "Çelik", "Dubois", "Eklund", "Fischer", "García", "Horvath",
        "Ito", "Janssen", "Kowalski", "Lindqvist", "Müller", "Novak", "Okafor", "Peña", "Quinn", "Rossi", "Silva", "Weiß"};
    /**
     * Words in a title: mostly three, so that titles repeat about as rarely as in real charts (a few songs
     * share a short title; two-word titles only, of 84 words, gave a 1,000,000-entry catalog about a
     * hundred songs a title and made the matcher's candidates grow with it).
     */
    private static final int[] TITLE_WORDS = {2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4};
    private static final String[] VERSIONS = {"Remix", "Live", "Acoustic", "Sped Up", "Extended Mix"};

    /** One song as the record label knows it. */
    private record Song(String isrc, String spotifyId, long soundcloudId, String title, List<String> artists,
            String featured, String album) {

        /** "Title (feat. B)" when there is a featured artist. */
        String titleWith(String featuring) {
            return featured == null ? title : title + " (" + featuring + " " + featured + ")";
        }

        List<String> allArtists() {
            List<String> all = new ArrayList<>(artists);
            if (featured != null) {
                all.add(featured);
            }
            return all;
        }
    }

    int entries() {
        return genres * SERVICES.size() * editions * tracks;
    }

    int playlists() {
        return genres * SERVICES.size() * editions;
    }

    String genre(int index) {
        return prefix + "%05d".formatted(index);
    }

    /**
     * Writes {@code edition-1}, {@code edition-2}, ... under the directory, each laid out as the ingest
     * reads a directory ({@code <service>/<genre>.json}).
     *
     * @return the edition directories, in order
     */
    public List<Path> write(Path directory) throws IOException {
        Random random = new Random(seed);
        JsonMapper json = JsonMapper.shared();
        List<Path> editionDirectories = new ArrayList<>();
        for (int e = 1; e <= editions; e++) {
            Path edition = directory.resolve("edition-" + e);
            for (String service : SERVICES) {
                Files.createDirectories(edition.resolve(service));
            }
            editionDirectories.add(edition);
        }
        int[] songCounter = {0};
        for (int g = 1; g <= genres; g++) {
            int common = (int) Math.round(shared * tracks);
            List<Song> everywhere = songs(random, common, songCounter);
            List<List<Song>> playlists = new ArrayList<>();
            for (int s = 0; s < SERVICES.size(); s++) {
                List<Song> playlist = new ArrayList<>(everywhere);
                playlist.addAll(songs(random, tracks - common, songCounter));
                Collections.shuffle(playlist, random);
                playlists.add(playlist);
            }
            for (int e = 1; e <= editions; e++) {
                for (int s = 0; s < SERVICES.size(); s++) {
                    List<Song> playlist = playlists.get(s);
                    if (e > 1) {
                        nextEdition(random, playlist, songCounter);
                    }
                    String service = SERVICES.get(s);
                    Object payload = switch (service) {
                        case "spotify" -> spotify(json, playlist);
                        case "apple_music" -> appleMusic(json, playlist);
                        default -> soundcloud(json, random, playlist, genre(g));
                    };
                    json.writeValue(payloadFile(editionDirectories.get(e - 1), service, g).toFile(), payload);
                }
            }
        }
        return editionDirectories;
    }

    /**
     * The edition's charts again, one directory per genre (hard links, laid out as {@link #write} lays out
     * an edition), for ingest runs of one genre each.
     *
     * @return the genre directories, in genre order
     */
    List<Path> byGenre(Path edition) throws IOException {
        List<Path> genreDirectories = new ArrayList<>();
        for (int g = 1; g <= genres; g++) {
            Path genreDirectory = edition.resolveSibling(edition.getFileName() + "-by-genre").resolve(genre(g));
            for (String service : SERVICES) {
                Path file = payloadFile(genreDirectory, service, g);
                Files.createDirectories(file.getParent());
                Files.createLink(file, payloadFile(edition, service, g));
            }
            genreDirectories.add(genreDirectory);
        }
        return genreDirectories;
    }

    /** Where a genre's playlist of a service is in a directory laid out as the ingest reads one. */
    private Path payloadFile(Path directory, String service, int genre) {
        return directory.resolve(service).resolve(genre(genre) + ".json");
    }

    /** A later day's chart: a tenth replaced by new songs, a few neighbours swapped. */
    private void nextEdition(Random random, List<Song> playlist, int[] songCounter) {
        int replaced = Math.max(1, playlist.size() / 10);
        List<Song> fresh = songs(random, replaced, songCounter);
        for (int i = 0; i < replaced; i++) {
            playlist.set(playlist.size() - 1 - random.nextInt(playlist.size() / 2), fresh.get(i));
        }
        for (int i = 0; i + 1 < playlist.size(); i += 1 + random.nextInt(5)) {
            Collections.swap(playlist, i, i + 1);
        }
    }

    /**
     * Country QZ, a registrant per seed and 100,000 songs (so charts of different seeds never share an
     * ISRC), year 25, designation.
     */
    private String isrc(int song) {
        return "QZ" + registrant((int) (seed % 1000) + song / 100_000) + "25" + "%05d".formatted(song % 100_000);
    }

    /** What the ISRCs of the first 100,000 songs start with. */
    public String isrcPrefix() {
        return isrc(0).substring(0, 7);
    }

    private List<Song> songs(Random random, int count, int[] counter) {
        List<Song> songs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ++counter[0];
            String isrc = isrc(n);
            String title = words(random, TITLE_WORDS[random.nextInt(TITLE_WORDS.length)])
                    + (random.nextInt(12) == 0 ? " (" + VERSIONS[random.nextInt(VERSIONS.length)] + ")" : "");
            List<String> artists = new ArrayList<>(List.of(artist(random)));
            if (random.nextInt(5) == 0) {
                artists.add(artist(random));
            }
            String featured = random.nextInt(4) == 0 ? artist(random) : null;
            songs.add(new Song(isrc, "%022d".formatted(n), 1_000_000_000L + n, title, artists, featured,
                    random.nextBoolean() ? title : words(random, 1) + " EP"));
        }
        return songs;
    }

    private static String registrant(int block) {
        String digits = Integer.toString(block, 36).toUpperCase(Locale.ROOT);
        return "T" + "0".repeat(2 - Math.min(2, digits.length())) + digits;
    }

    /** A person a third of the time (400 names, each with many songs), else a band (7,056 two-word names). */
    private static String artist(Random random) {
        return random.nextInt(3) == 0 ? FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] : words(random, 2);
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(i == 0 ? "" : " ").append(capitalise(WORDS[random.nextInt(WORDS.length)]));
        }
        return words.toString();
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** spotDL: an array, positions in {@code list_position}, every artist credited, the ISRC. */
    private static ArrayNode spotify(JsonMapper json, List<Song> playlist) {
        ArrayNode items = json.createArrayNode();
        for (int i = 0; i < playlist.size(); i++) {
            Song song = playlist.get(i);
            ObjectNode item = items.addObject();
            item.put("name", song.titleWith("feat."));
            ArrayNode artists = item.putArray("artists");
            song.allArtists().forEach(artists::add);
            item.put("artist", song.artists().get(0));
            item.put("album_name", song.album());
            item.put("song_id", song.spotifyId());
            item.put("url", "https://open.spotify.com/track/" + song.spotifyId());
            item.put("isrc", song.isrc());
            item.put("cover_url", "https://i.scdn.co/image/" + song.spotifyId());
            item.put("list_position", i + 1);
            item.put("list_length", playlist.size());
        }
        return items;
    }

    /** The Apple Music scraper: positions as keys, one artist string, HTML entities, no ISRC. */
    private static ObjectNode appleMusic(JsonMapper json, List<Song> playlist) {
        ObjectNode root = json.createObjectNode();
        ObjectNode details = root.putObject("album_details");
        for (int i = 0; i < playlist.size(); i++) {
            Song song = playlist.get(i);
            ObjectNode item = details.putObject(Integer.toString(i));
            item.put("name", song.titleWith("feat.").replace("&", "&amp;").replace("'", "&#039;"));
            item.put("artist", String.join(" & ", song.artists()).replace("&", "&amp;"));
            item.put("album", song.album());
            item.put("link", "https://music.apple.com/us/album/" + song.soundcloudId() + "?i=" + song.soundcloudId());
        }
        return root;
    }

    /** The SoundCloud scraper: publisher with ISRC for most, with only the artist for some, none for the rest. */
    private static ObjectNode soundcloud(JsonMapper json, Random random, List<Song> playlist, String genre) {
        ObjectNode root = json.createObjectNode();
        root.put("title", genre + " on SoundCloud");
        root.put("permalinkUrl", "https://soundcloud.com/tunemeld/sets/" + genre);
        ObjectNode tracks = root.putObject("tracks");
        ArrayNode items = tracks.putArray("items");
        for (Song song : playlist) {
            ObjectNode item = items.addObject();
            item.put("id", song.soundcloudId());
            item.put("permalink", "https://soundcloud.com/uploads/" + song.soundcloudId());
            item.put("artworkUrl", "https://i1.sndcdn.com/artworks-" + song.soundcloudId() + ".png");
            int kind = random.nextInt(20);
            if (kind < 14) {
                item.put("title", song.titleWith("ft."));
                ObjectNode publisher = item.putObject("publisher");
                publisher.put("artist", String.join(", ", song.artists()));
                publisher.put("isrc", song.isrc());
            } else if (kind < 17) {
                item.put("title", song.titleWith("ft."));
                item.putObject("publisher").put("artist", String.join(" x ", song.artists()));
            } else {
                item.put("title", String.join(" & ", song.artists()) + " - " + song.titleWith("ft."));
                item.putNull("publisher");
            }
            item.putObject("user").put("name", "Uploads " + (song.soundcloudId() % 7));
        }
        tracks.putNull("nextOffset");
        return root;
    }
}
