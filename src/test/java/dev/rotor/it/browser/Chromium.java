package dev.rotor.it.browser;

import dev.rotor.it.support.ItServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium, Debian's build with its own driver, for the pages as a real engine renders
 * them: it enforces the Content-Security-Policy, the cookies' Secure and SameSite attributes and
 * the form's own submission, which HtmlUnit only approximates. Without Chromium on this machine the
 * test is skipped, with a message; under {@code CI=true} that is a failure instead.
 */
public final class Chromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** A page, a redirect, a form post: each answers in milliseconds here. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Path profile;
  private final ChromeDriver driver;

  private Chromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  public static Chromium start() {
    boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    String why = "Chromium (apt-get install chromium chromium-driver) is not installed";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(why + " (CI=true: the browser tests may not be skipped)");
    }
    Assumptions.assumeTrue(present, why);
    try {
      Path profile = Files.createTempDirectory("rotor-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--no-first-run",
          "--user-data-dir=" + profile,
          // The clients' example.test hosts do not exist: fail those lookups at once.
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(DRIVER.toString()))
              .usingAnyFreePort()
              .build();
      return new Chromium(profile, new ChromeDriver(service, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens the URL. A redirect to a client's example.test host ends at a name that does not resolve:
   * the browser has still gone there, which is what a test reads from {@link #url()}.
   */
  public void open(String url) {
    try {
      driver.get(url);
    } catch (WebDriverException e) {
      if (e.getMessage() == null || !e.getMessage().contains("net::ERR_NAME_NOT_RESOLVED")) {
        throw e;
      }
    }
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String title() {
    return driver.getTitle();
  }

  /** The element with this id, once the page has it. */
  public WebElement byId(String id) {
    return new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id(id)));
  }

  public boolean has(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  /** Types into the field with this id, replacing what it held. */
  public void type(String id, String text) {
    WebElement field = byId(id);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Clicks the form's button with this name and value, and waits until the page it was on is gone
   * (the next one may be the same form again, as a refused login is).
   */
  public void press(String formId, String name, String value) {
    WebElement form = byId(formId);
    WebElement button =
        form.findElements(By.name(name)).stream()
            .filter(b -> value.equals(b.getAttribute("value")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no button " + name + "=" + value));
    button.click();
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(button));
  }

  /** Waits until the browser has gone to a URL that starts so; answers that URL. */
  public String awaitUrl(String prefix) {
    new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(prefix));
    return driver.getCurrentUrl();
  }

  /** The names of the cookies the browser holds for the current page. */
  public List<String> cookieNames() {
    return driver.manage().getCookies().stream().map(c -> c.getName()).toList();
  }

  /**
   * What the pages logged to the console as errors since the last call: a policy violation, a
   * script error, a resource from elsewhere. Not counted: Rotor's own answers by status (Chromium
   * logs every 4xx page, and the pages load nothing else from Rotor) and the icon the browser asks
   * every origin for, which Rotor does not serve.
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(
            m ->
                !(m.startsWith(ItServer.ISSUER + "/")
                    && m.contains(
                        " - Failed to load resource: the server responded with a status of 4")))
        .toList();
  }

  /** A PNG of the page as shown, for the report: target/it-data/screenshots/NAME.png. */
  public Path screenshot(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path png = dir.resolve(name + ".png");
      Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // A profile left in the temporary directory is harmless.
      }
    }
  }
}
