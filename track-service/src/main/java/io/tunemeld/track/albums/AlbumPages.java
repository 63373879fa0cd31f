package io.tunemeld.track.albums;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads albumoftheyear.org's pages as public scrapers of the site read them: a search's results are
 * {@code .albumBlock}s (the album's link in {@code .image a}, {@code .artistTitle}, {@code .albumTitle}); an
 * album page shows {@code .albumCriticScore a} and {@code .albumUserScore a} (the exact score in the link's
 * title, rounded in its text), the number of reviews and ratings in each box's {@code .numReviews}, and its
 * genres as {@code /genre/} links in the info box's detail rows (secondary genres wrapped in
 * {@code .secondary}). Only links to album pages on the site's own host are followed.
 */
final class AlbumPages {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern COUNT = Pattern.compile("\\d[\\d,]*");

    private AlbumPages() {
    }

    /** A search result: the album's page, its artist and title as the site writes them. */
    record Hit(String url, String artist, String title) {
    }

    static List<Hit> searchResults(String html, String siteUrl) {
        Document page = Jsoup.parse(html, siteUrl);
        String host = URI.create(siteUrl).getHost();
        List<Hit> hits = new ArrayList<>();
        for (Element block : page.select(".albumBlock")) {
            Element link = block.selectFirst(".image a[href]");
            Element artist = block.selectFirst(".artistTitle");
            Element title = block.selectFirst(".albumTitle");
            if (link == null || artist == null || title == null) {
                continue;
            }
            albumPage(link.absUrl("href"), host).ifPresent(url -> hits.add(new Hit(url, artist.text().strip(), title.text().strip())));
        }
        return hits;
    }

    /** The rating an album page shows; empty when it shows neither score (not an album page, or no ratings yet). */
    static Optional<AlbumRating> rating(String html, String url) {
        Document page = Jsoup.parse(html, url);
        Double critic = score(page.selectFirst(".albumCriticScore a"));
        Double user = score(page.selectFirst(".albumUserScore a"));
        if (critic == null && user == null) {
            return Optional.empty();
        }
        Set<String> genres = new LinkedHashSet<>();
        for (Element genre : page.select(".albumTopBox.info .detailRow a[href*=/genre/]")) {
            if (genre.selectFirst(".secondary") == null && !genre.text().isBlank()) {
                genres.add(genre.text().strip());
            }
        }
        return Optional.of(new AlbumRating(url, critic, count(page.selectFirst(".albumCriticScoreBox .numReviews")), user,
                count(page.selectFirst(".albumUserScoreBox .numReviews")), List.copyOf(genres)));
    }

    /** An http(s) link to an album page on the site's host, without anything after its path. */
    private static Optional<String> albumPage(String link, String host) {
        if (link.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean onSite = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && host.equalsIgnoreCase(uri.getHost())
                && uri.getUserInfo() == null && uri.getRawPath() != null && uri.getRawPath().startsWith("/album/")
                && !uri.getRawPath().contains("..");
        return onSite ? Optional.of(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()) : Optional.empty();
    }

    /** The exact score in the title ("72.4"), else the shown one ("72"); null for "NR" or none. */
    private static Double score(Element link) {
        if (link == null) {
            return null;
        }
        for (String text : List.of(link.attr("title"), link.text())) {
            Matcher number = NUMBER.matcher(text);
            if (number.find()) {
                double score = Double.parseDouble(number.group());
                return score <= 100 ? score : null;
            }
        }
        return null;
    }

    /** "Based on 1,234 ratings": 1234. */
    private static Integer count(Element box) {
        if (box == null) {
            return null;
        }
        Matcher count = COUNT.matcher(box.text());
        if (!count.find()) {
            return null;
        }
        try {
            return Integer.valueOf(count.group().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
