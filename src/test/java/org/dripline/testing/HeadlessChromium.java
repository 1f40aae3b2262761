package org.dripline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser the page tests drive: the distribution's Chromium and its driver, headless. A
 * machine without them fails the test with the install line rather than skipping it.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {
  }

  /** A new headless Chromium; the caller quits it. */
  public static ChromeDriver open() {
    File driver = new File("/usr/bin/chromedriver");
    File chromium = new File("/usr/bin/chromium");
    assertThat(driver).as("chromium-driver (apt-get install chromium chromium-driver; .ci/run does)").canRead();
    assertThat(chromium).as("chromium").canRead();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions");
    ChromeDriver browser = new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(), options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    return browser;
  }
}
