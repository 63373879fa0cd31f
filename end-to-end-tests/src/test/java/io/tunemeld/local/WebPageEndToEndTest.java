package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The web page cache-service serves at {@code /}, in a real headless Chromium (Debian's chromium and
 * chromedriver, which .ci/run installs): it loads, switches genre, and shows each aggregate in the
 * API's order, with links, view counts where there are any, and the services' own playlists.
 */
class WebPageEndToEndTest {

    private static final String AGGREGATE_QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { entries { rank track { key title viewCounts { service } } } } }""";

    private static LocalStack stack;
    private static WebDriver browser;

    @BeforeAll
    static void openThePage() throws Exception {
        stack = SharedStack.get();
        SharedStack.samplesRun();
        browser = Browser.open(stack.serviceUrl("cache-service") + "/");
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageSwitchesGenresAndShowsEachAggregateInTheApisOrder() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#genres button[data-genre='pop']")));
        List<String> tabs = browser.findElements(By.cssSelector("#genres button")).stream().map(WebElement::getText).toList();
        assertThat(tabs).contains("country", "dance", "pop", "rap");

        for (String genre : List.of("pop", "dance", "rap")) {
            browser.findElement(By.cssSelector("#genres button[data-genre='" + genre + "']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("aggregate"), "data-genre", genre));

            JsonNode entries = StackClient.of(stack).graphql(AGGREGATE_QUERY, Map.of("genre", genre))
                    .path("aggregatePlaylist").path("entries");
            List<String> expected = new ArrayList<>();
            int withViews = 0;
            for (JsonNode entry : entries) {
                expected.add(entry.path("rank").asInt() + " " + entry.path("track").path("title").asString());
                withViews += entry.path("track").path("viewCounts").isEmpty() ? 0 : 1;
            }
            List<WebElement> rows = browser.findElements(By.cssSelector("#aggregate tbody tr"));
            assertThat(rows.stream().map(row -> row.findElement(By.cssSelector(".rank")).getText() + " "
                    + row.findElement(By.cssSelector(".title")).getText()).toList()).as(genre).containsExactlyElementsOf(expected);
            assertThat(browser.findElement(By.cssSelector("#genres button[data-genre='" + genre + "']")).getAttribute("aria-selected"))
                    .isEqualTo("true");
            assertThat(rows).allSatisfy(row -> assertThat(row.findElements(By.cssSelector(".links a"))).isNotEmpty());
            assertThat(rows.stream().filter(row -> !row.findElements(By.cssSelector(".views div")).isEmpty())).hasSize(withViews);
            assertThat(browser.findElements(By.cssSelector("#playlists .playlist")).stream().map(p -> p.getAttribute("data-service")))
                    .containsExactlyInAnyOrder("SPOTIFY", "APPLE_MUSIC", "SOUNDCLOUD");
        }
    }
}
