package org.dripline.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production without a configured console password: no default password, nobody gets in, the page says why. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dripline.mode=serve")
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleWithoutPasswordIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "console-no-password");
  }

  @LocalServerPort
  int port;
  @Autowired
  UserDetailsService users;

  @Test
  void theLoginPageSaysHowToConfigureThePasswordAndNobodyLogsIn() throws Exception {
    // given serve mode with no dripline.console.password
    OpsHttp http = OpsHttp.of(port, "");

    // when someone opens the login page
    HttpResponse<String> page = http.getWithout("/console/login");

    // then it explains the setting instead of offering a form
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"not-configured\"").contains("dripline.console.password")
        .doesNotContain("id=\"password\"");

    // and there is no user at all, not the default 'admin' nor Spring Boot's generated 'user'
    for (String name : new String[] {"admin", "user", ""}) {
      assertThatThrownBy(() -> users.loadUserByUsername(name)).isInstanceOf(UsernameNotFoundException.class);
    }
    HttpResponse<String> login = http.postForm("/console/login", "username=admin&password=");
    assertThat(login.statusCode()).isIn(302, 403);
    assertThat(login.headers().firstValue("Location")).isNotEqualTo(java.util.Optional.of("/console"));
    assertThat(http.getWithout("/console").statusCode()).isEqualTo(302);
  }

  @Test
  void theApiWithoutAConfiguredTokenRefusesEveryToken() throws Exception {
    OpsHttp http = OpsHttp.of(port, "");
    assertThat(http.getWith("/api/runs", "Bearer ").statusCode()).isEqualTo(401);
    assertThat(http.getWith("/api/runs", "Bearer null").statusCode()).isEqualTo(401);
    assertThat(http.getWithout("/actuator/health").statusCode()).isEqualTo(200);
  }
}
