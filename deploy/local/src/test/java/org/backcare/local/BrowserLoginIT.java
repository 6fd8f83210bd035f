package org.backcare.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person opens their progress report in a browser (headless Chromium, Debian's chromium and chromium-driver):
 * the progress-service sends them to Keycloak's login page, they sign in, and they are back on their report, kept
 * by an encrypted session cookie. The API beside it still answers 401 to a request without a token, not a redirect.
 */
class BrowserLoginIT {

    private WebDriver browser;

    @BeforeEach
    void openABrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("backcare-chromium-"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void closeIt() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonOpeningTheReportSignsInAtKeycloakAndSeesTheirReport() {
        LocalStack stack = SharedStack.get();
        // 127.0.0.1: the local realm's public client accepts redirects back to any port there
        String report = stack.progressUrl().replace("localhost", "127.0.0.1") + "/progress/me/report";

        browser.get(report);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl())
                .startsWith(stack.infrastructure().keycloak().realmUrl() + "/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");

        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice");
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlToBe(report));
        assertThat(browser.getTitle()).startsWith("Back-care progress report");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your back-care progress");
        assertThat(browser.manage().getCookies()).anySatisfy(cookie -> {
            assertThat(cookie.getName()).startsWith("q_session");
            assertThat(cookie.isHttpOnly()).isTrue();
        });

        browser.navigate().refresh();
        assertThat(browser.getCurrentUrl())
                .as("the session cookie keeps the person signed in")
                .isEqualTo(report);

        // what an edge in front of it must accept (deploy/kubernetes/docs/edge.md: 16 KB of request headers): the
        // Cookie header a signed-in browser sends, and each cookie within the browsers' 4 KB per cookie
        int cookieHeader = browser.manage().getCookies().stream()
                        .mapToInt(c -> c.getName().length() + 1 + c.getValue().length())
                        .sum()
                + 2 * Math.max(0, browser.manage().getCookies().size() - 1);
        System.out.printf(
                "BrowserLoginIT: a signed-in browser sends a Cookie header of %d bytes in %d cookies%n",
                cookieHeader, browser.manage().getCookies().size());
        assertThat(cookieHeader).as("the Cookie header after signing in").isLessThan(16 * 1024);
        assertThat(browser.manage().getCookies())
                .allSatisfy(c -> assertThat(c.getName().length() + c.getValue().length())
                        .as(c.getName())
                        .isLessThanOrEqualTo(4096));

        given().redirects()
                .follow(false)
                .get(stack.progressUrl() + "/progress/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().redirects()
                .follow(false)
                .get(stack.progressUrl() + "/progress/me/report.csv")
                .then()
                .statusCode(401);
    }
}
