package io.tunemeld.normalizer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.matching.Isrc;
import io.tunemeld.normalizer.payload.ParsedEntry;
import io.tunemeld.schemas.MusicService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrackResolverTest {

    private final TrackResolver resolver = new TrackResolver(0.7, TrackSearch.NONE);

    private static ParsedEntry entry(String title, List<String> artists, String isrc, String id) {
        return new ParsedEntry(1, title, artists, null, isrc, id, null, null, null);
    }

    /** A catalog made of the given entries that carry ISRCs, looked up by title as the service does. */
    private Map<String, List<CatalogEntry>> catalog(ParsedEntry... known) {
        return Stream.of(known).map(resolver::catalogEntry).flatMap(java.util.Optional::stream)
                .collect(Collectors.groupingBy(CatalogEntry::titleKey));
    }

    private Resolution resolve(MusicService service, ParsedEntry entry, Map<String, List<CatalogEntry>> catalog) {
        return resolver.resolve(service, entry, title -> catalog.getOrDefault(title, List.of()));
    }

    @Test
    void thePayloadIsrcWins() {
        var resolution = resolve(MusicService.SPOTIFY, entry("X", List.of("A"), "us-um7-25-00001", "id1"), Map.of());
        assertThat(resolution).isEqualTo(new Resolution("USUM72500001", "USUM72500001", MatchMethod.PAYLOAD, 1.0));
    }

    @Test
    void onlyAnEntryWithoutAValidIsrcConsultsTheCatalog() {
        // the snapshot's catalog look-up leaves out the titles of entries that do not consult it
        ParsedEntry withIsrc = entry("X", List.of("A"), "USUM72500001", "id1");
        assertThat(TrackResolver.consultsCatalog(withIsrc)).isFalse();
        assertThat(resolver.resolve(MusicService.SPOTIFY, withIsrc, title -> {
            throw new AssertionError("consulted the catalog for " + title);
        }).method()).isEqualTo(MatchMethod.PAYLOAD);

        assertThat(TrackResolver.consultsCatalog(entry("X", List.of("A"), "not-an-isrc", "id1"))).isTrue();
        assertThat(TrackResolver.consultsCatalog(entry("X", List.of("A"), null, "id1"))).isTrue();
    }

    @Test
    void anAppleMusicEntryJoinsTheSpotifyTrackThroughTheCatalog() {
        var catalog = catalog(entry("A New Day (feat. Celine Dion)", List.of("Sebastian Ingrosso", "Céline Dion"), "US38Y2560326", "s1"));

        var resolution = resolve(MusicService.APPLE_MUSIC, entry("A New Day (feat. Céline Dion)", List.of("Sebastian Ingrosso"), null, null), catalog);

        assertThat(resolution.trackKey()).isEqualTo("US38Y2560326");
        assertThat(resolution.method()).isEqualTo(MatchMethod.CATALOG);
        assertThat(resolution.confidence()).isEqualTo(1.0);
    }

    @Test
    void theSameTitleByAnotherArtistDoesNotMatch() {
        var catalog = catalog(entry("Stay", List.of("Rihanna"), "USUM71300001", "s1"));

        var decoy = resolve(MusicService.APPLE_MUSIC, entry("Stay", List.of("The Kid LAROI", "Justin Bieber"), null, null), catalog);

        assertThat(decoy.method()).isEqualTo(MatchMethod.FALLBACK);
        assertThat(decoy.trackKey()).startsWith("hash:");
        assertThat(decoy.isrc()).isNull();
    }

    @Test
    void soundCloudArtistDashTitleIsTriedInBothOrders() {
        var catalog = catalog(entry("Saving Up", List.of("Dom Dolla"), "AUUM72400001", "s1"));

        var usual = resolve(MusicService.SOUNDCLOUD, entry("Dom Dolla - Saving Up", List.of(), null, "9"), catalog);
        var reversed = resolve(MusicService.SOUNDCLOUD, entry("Saving Up - Dom Dolla", List.of(), null, "9"), catalog);

        assertThat(usual.trackKey()).isEqualTo("AUUM72400001");
        assertThat(reversed.trackKey()).isEqualTo("AUUM72400001");
        assertThat(usual.confidence()).isLessThan(1.0).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void anArtistDashTitleUploadWithAFeaturedCreditStillSplits() {
        var catalog = catalog(entry("Midnight Drive (feat. Élodie)", List.of("Neon Harbor", "Élodie"), "USAAA2600001", "s1"));

        var upload = resolve(MusicService.SOUNDCLOUD, entry("Neon Harbor - Midnight Drive (feat. Elodie)", List.of(), null, "7"), catalog);

        assertThat(upload.trackKey()).isEqualTo("USAAA2600001");
        assertThat(upload.confidence()).isEqualTo(0.9);
    }

    @Test
    void aMatchBelowTheConfiguredConfidenceIsNotMade() {
        var catalog = catalog(entry("Song", List.of("A", "B", "C"), "USAAA2500001", "s1"));

        var partial = resolve(MusicService.APPLE_MUSIC, entry("Song", List.of("B"), null, null), catalog);
        var strict = new TrackResolver(0.9, TrackSearch.NONE).resolve(MusicService.APPLE_MUSIC, entry("Song", List.of("A", "B"), null, null),
                title -> catalog.getOrDefault(title, List.of()));

        assertThat(partial.method()).as("1 of 3 artists, not the primary: 0.67").isEqualTo(MatchMethod.FALLBACK);
        assertThat(strict.method()).as("the primary and one other of 3: 0.85 < 0.9").isEqualTo(MatchMethod.FALLBACK);
    }

    @Test
    void theSamePrimaryArtistMatchesWhereOneCreditsOnlyThePrimary() {
        var catalog = catalog(entry("Victory Lap", List.of("Fred again.."), "GBAHS2500558", "sc"),
                entry("Bodies", List.of("Offset", "JID"), "USUM72506534", "sp"));

        var apple = resolve(MusicService.APPLE_MUSIC, entry("Victory Lap", List.of("Fred again.., Skepta &amp; PlaqueBoyMax"), null, null), catalog);
        var upload = resolve(MusicService.SOUNDCLOUD, entry("Bodies", List.of("Offset"), null, "9"), catalog);

        assertThat(apple).isEqualTo(new Resolution("GBAHS2500558", "GBAHS2500558", MatchMethod.CATALOG, TrackResolver.PRIMARY_ARTIST_CONFIDENCE));
        assertThat(upload.trackKey()).isEqualTo("USUM72506534");
        assertThat(TrackResolver.PRIMARY_ARTIST_CONFIDENCE).isLessThan(1.0);
    }

    @Test
    void theSamePrimaryArtistWithOtherFeaturesOrAnotherVersionDoesNotMatch() {
        var catalog = catalog(entry("Song (feat. C)", List.of("A"), "USAAA2500001", "s1"),
                entry("Blessings (Max Styler Remix)", List.of("Calvin Harris"), "GBARL2500758", "s2"),
                entry("Victory Lap (Sped Up)", List.of("Fred again.."), "GBAHS2500999", "s3"));

        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Song", List.of("A & B"), null, null), catalog).method())
                .as("each features someone the other does not").isEqualTo(MatchMethod.FALLBACK);
        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Blessings", List.of("Calvin Harris & Clementine Douglas"), null, null), catalog)
                .method()).as("a remix").isEqualTo(MatchMethod.FALLBACK);
        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Victory Lap", List.of("Fred again.., Skepta"), null, null), catalog).method())
                .as("sped up").isEqualTo(MatchMethod.FALLBACK);
        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Song", List.of("B, A"), null, null), catalog).method())
                .as("A credited second").isEqualTo(MatchMethod.FALLBACK);
    }

    @Test
    void aSoundtrackTaggedTitleIsTheSameRecordingAndALiveOneIsNot() {
        var catalog = catalog(entry("Underdog (From F1® The Movie)", List.of("Roddy Ricch"), "USAT22503512", "sc"),
                entry("Golden (Live)", List.of("HUNTR/X"), "USAAA2500002", "s2"));

        var apple = resolve(MusicService.APPLE_MUSIC, entry("Underdog", List.of("Roddy Ricch"), null, null), catalog);
        var live = resolve(MusicService.APPLE_MUSIC, entry("Golden [From “KPop Demon Hunters”]", List.of("HUNTR/X"), null, null), catalog);

        assertThat(apple).isEqualTo(new Resolution("USAT22503512", "USAT22503512", MatchMethod.CATALOG, 1.0));
        assertThat(live.method()).isEqualTo(MatchMethod.FALLBACK);
    }

    @Test
    void anAccountsNameMatchesTheArtistOnlyAsTheOneTrackOfThatTitle() {
        var alone = catalog(entry("Hammer", List.of("LordeMusic"), "NZUM72500021", "sc"),
                entry("Hammer", List.of("Someone Else"), "USAAA2500003", "s2"));
        var competing = catalog(entry("Hammer", List.of("LordeMusic"), "NZUM72500021", "sc"),
                entry("Hammer", List.of("Lorde Official"), "NZUM72500099", "s2"));

        var apple = resolve(MusicService.APPLE_MUSIC, entry("Hammer", List.of("Lorde"), null, null), alone);

        assertThat(apple).isEqualTo(new Resolution("NZUM72500021", "NZUM72500021", MatchMethod.CATALOG, TrackResolver.ACCOUNT_NAME_CONFIDENCE));
        assertThat(TrackResolver.ACCOUNT_NAME_CONFIDENCE).isLessThan(TrackResolver.PRIMARY_ARTIST_CONFIDENCE);
        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Hammer", List.of("Lorde"), null, null), competing).method())
                .as("two accounts that could be Lorde's").isEqualTo(MatchMethod.FALLBACK);
        assertThat(resolve(MusicService.APPLE_MUSIC, entry("Hammer", List.of("Lord"), null, null), alone).method())
                .as("another artist").isEqualTo(MatchMethod.FALLBACK);
        assertThat(new TrackResolver(0.85, TrackSearch.NONE).resolve(MusicService.APPLE_MUSIC, entry("Hammer", List.of("Lorde"), null, null),
                title -> alone.getOrDefault(title, List.of())).method()).as("below the threshold").isEqualTo(MatchMethod.FALLBACK);
        assertThat(TrackResolver.waitingKeys(entry("Hammer", List.of("Lorde"), null, null)))
                .containsAnyElementsOf(TrackResolver.waitingKeys(alone.get("hammer").get(0)));
    }

    @Test
    void theSearchIsAskedOnlyWhenTheCatalogHasNoMatchAndItsHitsMustAgreeOnArtists() {
        List<String> asked = new java.util.ArrayList<>();
        TrackSearch search = (title, artists) -> {
            asked.add(title + " / " + artists);
            return List.of(new CatalogEntry("USSSS2600001", "northern lights", Set.of("aurora band"), "aurora band"),
                    new CatalogEntry("USSSS2600002", "northern lights", Set.of("someone else"), "someone else"));
        };
        var withSearch = new TrackResolver(0.7, search);
        var catalog = catalog(entry("Known", List.of("A"), "USAAA2500009", "s"));

        var found = withSearch.resolve(MusicService.APPLE_MUSIC, entry("Northern Lights", List.of("Aurora Band"), null, null),
                title -> catalog.getOrDefault(title, List.of()));
        var inCatalog = withSearch.resolve(MusicService.APPLE_MUSIC, entry("Known", List.of("A"), null, null),
                title -> catalog.getOrDefault(title, List.of()));
        var decoy = withSearch.resolve(MusicService.APPLE_MUSIC, entry("Northern Lights", List.of("Third Artist"), null, null),
                title -> catalog.getOrDefault(title, List.of()));

        assertThat(found).isEqualTo(new Resolution("USSSS2600001", "USSSS2600001", MatchMethod.SEARCH, 1.0));
        assertThat(inCatalog.method()).isEqualTo(MatchMethod.CATALOG);
        assertThat(decoy.method()).isEqualTo(MatchMethod.FALLBACK);
        assertThat(asked).containsExactly("northern lights / [aurora band]", "northern lights / [third artist]");
    }

    @Test
    void fallbackKeysAreTheSpotifyIdElseAStableHashAndNeverLookLikeAnIsrc() {
        var spotify = resolve(MusicService.SPOTIFY, entry("X", List.of("A"), null, "4uLU6hMCjMI75M1A2tKUQC"), Map.of());
        var apple1 = resolve(MusicService.APPLE_MUSIC, entry("Song", List.of("Beyoncé"), null, null), Map.of());
        var apple2 = resolve(MusicService.APPLE_MUSIC, entry("SONG", List.of("Beyonce"), null, null), Map.of());

        assertThat(spotify.trackKey()).isEqualTo("spotify:4uLU6hMCjMI75M1A2tKUQC");
        assertThat(apple1.trackKey()).isEqualTo(apple2.trackKey()).startsWith("hash:");
        assertThat(Isrc.parse(apple1.trackKey())).isEmpty();
    }

    @Test
    void anUnresolvedEntryWaitsForItsTitleWithOneOfItsArtistsNotForTheTitleAlone() {
        var apple = TrackResolver.waitingKeys(entry("Paper Lanterns (feat. Jonas Berg)", List.of("Mira Okafor"), null, null));
        var upload = TrackResolver.waitingKeys(entry("Mira Okafor - Paper Lanterns", List.of(), null, null));

        assertThat(apple).containsExactlyInAnyOrder("paper lanterns:mira okafor", "paper lanterns:jonas berg",
                "paper lanterns:@miraokafor", "paper lanterns:@jonasberg");
        assertThat(upload).contains("paper lanterns:mira okafor");
        var song = TrackResolver.waitingKeys(new CatalogEntry("QZTST2500001", "paper lanterns", Set.of("mira okafor", "jonas berg"), "mira okafor"));
        var namesake = TrackResolver.waitingKeys(new CatalogEntry("QZTST2500002", "paper lanterns", Set.of("someone else"), "someone else"));
        assertThat(song).containsAnyElementsOf(apple).containsAnyElementsOf(upload);
        assertThat(namesake).doesNotContainAnyElementsOf(apple).doesNotContainAnyElementsOf(upload);
    }
}
