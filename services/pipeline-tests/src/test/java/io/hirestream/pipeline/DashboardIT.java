package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.access.Roles;
import io.hirestream.stack.Service;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.testkit.ScratchFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recruiter dashboard in headless Chromium against the running pipeline: it asks a visitor
 * without a session to sign in, opens a session from a one-click sign-in link, shows what the
 * funnel API says, and follows new applications live, without a reload.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final List<String> STAGES = List.of("APPLIED", "SCREENED", "INTERVIEWED", "OFFERED");
    private static final Duration LIVE = Duration.ofSeconds(60);

    private Pipeline pipeline;
    private WebDriver browser;

    @BeforeAll
    void start(Pipeline pipeline) throws java.io.IOException {
        this.pipeline = pipeline;
        ChromeOptions options = new ChromeOptions()
                .setBinary(executable("HIRESTREAM_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser"))
                // No background traffic: these machines have no internet, and Chromium's attempts only slow it down.
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + ScratchFolders.create("hirestream-chromium-"),
                        "--window-size=1280,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("HIRESTREAM_CHROMEDRIVER", "/usr/bin/chromedriver",
                        "/usr/lib/chromium/chromedriver")))
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardShowsTheFunnelApisNumbersAndFollowsANewApplicationWithoutAReload() throws Exception {
        String role = "Research Engineer " + UUID.randomUUID().toString().substring(0, 6);
        String location = "Lisbon, PT";
        String requisitionId = pipeline.openRequisition(role, location);
        pipeline.apply(requisitionId, "US", 9, "PHD");
        pipeline.apply(requisitionId, "CA", 5, "BACHELORS");
        await().atMost(LIVE).until(() -> reached(role, location).path("SCREENED").asLong() == 2);

        String funnel = pipeline.process(Service.FUNNEL).url();
        browser.get(funnel + "/");
        await().atMost(LIVE).until(() -> visible("#signed-out"));
        assertThat(visible("#summary")).isFalse();
        assertThat(text("#signed-out")).contains("ops/hirestream token --role recruiter --link");

        browser.get(pipeline.issuer().signInLink(funnel, "recruiter-rosa", List.of(Roles.RECRUITER),
                TokenIssuer.SIGN_IN_LINK_LIFETIME));
        assertThat(browser.getCurrentUrl()).isEqualTo(funnel + "/");
        Cookie session = browser.manage().getCookieNamed("hirestream_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).asString()
                .doesNotContain("hirestream_session");
        await().atMost(LIVE).until(() -> !text(rowSelector(role, location)).isEmpty());
        assertThat(visible("#signed-out")).isFalse();
        // The page may still be drawing its first answer: wait until the row is filled, then compare.
        await().atMost(LIVE).until(() -> "2".equals(shownReached(role, location).get("SCREENED")));
        assertThat(shownReached(role, location)).isEqualTo(apiReached(role, location));

        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        await().atMost(LIVE).until(() -> text("#summary-title").startsWith(role));
        JsonNode total = pipeline.get(Service.FUNNEL, "/api/funnel?role=" + encode(role)).json().path("total");
        for (String stage : STAGES) {
            assertThat(summaryCell(stage, "reached")).as(stage).isEqualTo(Long.toString(total.path("reached").path(stage).asLong()));
        }
        assertThat(summaryCell("SCREENED", "rejected")).isEqualTo("1");
        assertThat(text("[data-metric='overall']")).endsWith("%");

        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes'");
        pipeline.apply(requisitionId, "US", 12, "MASTERS");

        await().atMost(LIVE).until(() -> "3".equals(summaryCell("APPLIED", "reached")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo("yes");
        assertThat(text("#live")).isEqualTo("live");
        await().atMost(LIVE).until(() -> shownReached(role, location).equals(apiReached(role, location)));
        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void eachChartDrawsTheNumbersItsRouteGivesAndTheFairnessTabIsForComplianceAlone() throws Exception {
        String role = "Charted Engineer " + UUID.randomUUID().toString().substring(0, 6);
        String requisitionId = pipeline.openRequisition(role, "Remote, US");
        // Twelve women, four of whom pass screening; twelve men, ten of whom do: a flag at SCREENED.
        for (int i = 0; i < 24; i++) {
            boolean woman = i < 12;
            int years = (woman ? i < 4 : i < 22) ? 9 : 3;
            String body = """
                    {"requisitionId": "%s", "source": "%s",
                     "candidate": {"name": "Grace Hopper", "email": "grace-%s@example.org", "countryOfResidence": "US",
                                   "yearsOfExperience": %d, "highestDegree": "PHD"},
                     "selfIdentification": {"sex": "%s"}}
                    """.formatted(requisitionId, i % 3 == 0 ? "AGENCY" : "REFERRAL", UUID.randomUUID(), years,
                    woman ? "FEMALE" : "MALE");
            // Intake holds one client to 10 a second: a refused request writes nothing, so send it again.
            await().atMost(LIVE).until(() -> pipeline.post(Service.INTAKE, "/api/applications", body).status() == 202);
        }
        await().atMost(LIVE).until(() -> pipeline.get(Service.FUNNEL, "/api/funnel?role=" + encode(role)).json()
                .path("total").path("reached").path("SCREENED").asLong() == 24);
        String funnel = pipeline.process(Service.FUNNEL).url();
        String ofRole = "role=" + encode(role);

        browser.get(pipeline.issuer().signInLink(funnel, "recruiter-rosa", List.of(Roles.RECRUITER), TokenIssuer.SIGN_IN_LINK_LIFETIME));
        await().atMost(LIVE).until(() -> visible("#charts"));
        assertThat(visible("#chart-tabs [data-chart='fairness']")).as("a recruiter has no fairness tab").isFalse();
        await().atMost(LIVE).until(() -> browser.findElements(By.cssSelector("#role option[value='" + role + "']")).size() == 1);
        new Select(browser.findElement(By.id("role"))).selectByValue(role);

        showChart("cohorts");
        JsonNode cohorts = pipeline.get(Service.FUNNEL, "/api/funnel/cohorts?limit=1&" + ofRole).json().path("totals");
        Map<String, Double> expected = new TreeMap<>();
        for (JsonNode week : cohorts) {
            for (String stage : List.of("SCREENED", "INTERVIEWED", "OFFERED")) {
                expected.put(title(stage) + "|" + week.path("cohort").asText(),
                        week.path("reached").path(stage).asDouble() / week.path("reached").path("APPLIED").asDouble());
            }
        }
        assertThat(expected).isNotEmpty();
        await().atMost(LIVE).untilAsserted(() -> assertThat(marks("[data-series]")).isEqualTo(expected));
        screenshot("cohorts");

        showChart("times");
        Map<String, Double> times = new TreeMap<>();
        for (JsonNode week : cohorts) {
            for (String stage : List.of("SCREENED", "INTERVIEWED", "OFFERED")) {
                for (String quantile : List.of("p50", "p90")) {
                    JsonNode value = week.path("timeToStageMillis").path(stage).path(quantile);
                    if (value.isNumber()) {
                        times.put(title(stage) + " " + quantile + "|" + week.path("cohort").asText(), value.asDouble());
                    }
                }
            }
        }
        await().atMost(LIVE).untilAsserted(() -> assertThat(marks("[data-series]")).isEqualTo(times));
        screenshot("time-to-stage");

        showChart("sources");
        Map<String, Double> sources = new TreeMap<>();
        for (JsonNode source : pipeline.get(Service.FUNNEL, "/api/funnel/by-source?" + ofRole).json().path("rows")) {
            sources.put("Applications|" + source.path("source").asText(), source.path("reached").path("APPLIED").asDouble());
            sources.put("Offers|" + source.path("source").asText(), source.path("reached").path("OFFERED").asDouble());
        }
        assertThat(sources).containsEntry("Applications|AGENCY", 8.0).containsEntry("Applications|REFERRAL", 16.0);
        await().atMost(LIVE).untilAsserted(() -> assertThat(marks("[data-series]")).isEqualTo(sources));
        screenshot("sources");

        browser.get(pipeline.issuer().signInLink(funnel, "carla-compliance", List.of(Roles.COMPLIANCE),
                TokenIssuer.SIGN_IN_LINK_LIFETIME));
        await().atMost(LIVE).until(() -> visible("#charts") && visible("#chart-tabs [data-chart='fairness']"));
        assertThat(visible("#chart-tabs [data-chart='cohorts']")).as("compliance sees the fairness tab alone").isFalse();
        assertThat(visible("#summary")).isFalse();
        await().atMost(LIVE).untilAsserted(() -> {
            Map<String, Double> rates = new TreeMap<>();
            List<String> flagged = new java.util.ArrayList<>();
            for (JsonNode stage : pipeline.as("carla-compliance", Roles.COMPLIANCE).get(Service.FUNNEL, "/api/fairness?dimension=sex")
                    .json().path("stages")) {
                for (JsonNode group : stage.path("groups")) {
                    String key = stage.path("stage").asText() + "|" + group.path("group").asText();
                    if (!group.path("suppressed").asBoolean()) {
                        rates.put(key, group.path("selectionRate").asDouble());
                    }
                    if (group.path("flagged").asBoolean()) {
                        flagged.add(key);
                    }
                }
            }
            assertThat(flagged).contains("SCREENED|FEMALE");
            assertThat(marks("rect[data-value]")).isEqualTo(rates);
            assertThat(marks("rect[data-flagged='true']").keySet()).containsExactlyInAnyOrderElementsOf(flagged);
        });
        screenshot("fairness");
    }

    /** Opens a chart's tab. */
    private void showChart(String chart) {
        String tab = "#chart-tabs [data-chart='" + chart + "']";
        browser.findElement(By.cssSelector(tab)).click();
        await().atMost(LIVE).until(() -> "true".equals(((JavascriptExecutor) browser).executeScript(
                "return document.querySelector(arguments[0]).getAttribute('aria-selected')", tab)));
    }

    /** What the chart draws, mark by mark: its series and label, and the number it draws (NaN: none). */
    @SuppressWarnings("unchecked")
    private Map<String, Double> marks(String selector) {
        List<List<String>> found = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#chart ' + arguments[0])].map(e => [e.dataset.series, e.dataset.label,"
                        + " e.dataset.value ?? 'NaN']);", selector);
        Map<String, Double> marks = new TreeMap<>();
        found.forEach(mark -> marks.put(mark.get(0) + "|" + mark.get(1), Double.valueOf(mark.get(2))));
        return marks;
    }

    /** Saves what the browser shows of the charts, for people to look at: target/screenshots/dashboard-TAB.png. */
    private void screenshot(String tab) throws java.io.IOException {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts').scrollIntoView()");
        Path screenshot = Path.of("target", "screenshots", "dashboard-" + tab + ".png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }

    private static String title(String stage) {
        return stage.charAt(0) + stage.substring(1).toLowerCase();
    }

    private JsonNode reached(String role, String location) {
        JsonNode rows = pipeline.get(Service.FUNNEL, "/api/funnel?role=" + encode(role) + "&location=" + encode(location))
                .json().path("rows");
        return rows.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : rows.get(0).path("reached");
    }

    private Map<String, String> apiReached(String role, String location) {
        JsonNode reached = reached(role, location);
        return STAGES.stream().collect(Collectors.toMap(stage -> stage, stage -> Long.toString(reached.path(stage).asLong())));
    }

    private Map<String, String> shownReached(String role, String location) {
        return STAGES.stream().collect(Collectors.toMap(stage -> stage, stage -> text(rowSelector(role, location)
                + " td[data-stage='" + stage + "'][data-metric='reached']")));
    }

    private String summaryCell(String stage, String metric) {
        return text("#stage-table td[data-stage='" + stage + "'][data-metric='" + metric + "']");
    }

    /**
     * The text of the first element the selector finds, read in one step in the page: the
     * dashboard redraws its tables on every update, so an element found a moment earlier may be gone.
     */
    private String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? null : e.textContent;", selector);
        return text == null ? "" : text.toString();
    }

    private boolean visible(String selector) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e !== null && !e.hidden;", selector));
    }

    private static String rowSelector(String role, String location) {
        return "#rows tr[data-role='" + role + "'][data-location='" + location + "']";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The program named by the variable, else the first of the usual places that exists. */
    private static String executable(String variable, String... candidates) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            return named;
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + String.join(" or ", candidates) + " here: install Debian's chromium and "
                + "chromium-driver (.ci/run does), or name them with " + variable);
    }
}
