package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.lists.MailingList;
import org.dripline.signup.ConsentText;
import org.junit.jupiter.api.Test;

/** The archive's sign-up form, rendered from its template: each list's own consent text, escaped, and its version. */
class ArchiveSignUpFormTests {

  static final MailingList OWN = new MailingList("letters", "Letters", "Weekly.", true, true,
      "Yes, send me <b>Letters</b> & nothing else.");
  static final MailingList PLAIN = new MailingList("plain", "Plain", "", true, true);

  @Test
  void anIssuesFormShowsItsListsOwnConsentTextEscapedAndPostsItsVersion() throws Exception {
    // when the page of an issue on a list with its own consent text is rendered
    String html = render(List.of(OWN));

    // then the checkbox reads the list's text, as text, and the form posts that text's version with the list
    assertThat(html).contains("<span class=\"consent-text\" id=\"consent-text\">Yes, send me &lt;b&gt;Letters&lt;/b&gt;"
        + " &amp; nothing else.</span>", "name=\"list\" value=\"letters\"",
        "name=\"consentVersion\" value=\"" + MailingList.versionOf(OWN.consent()) + "\"", "id=\"email\"",
        "id=\"consent\"", "id=\"timezone\"", "id=\"subscribe\"");
    assertThat(html).doesNotContain("<b>Letters</b>", ArchiveControllerTests.SIGNUP.consentText());
  }

  @Test
  void severalListsGetAFormEachWithItsOwnTextAndIds() throws Exception {
    // when the archive index shows issues of a list with its own text and of one without
    String html = render(List.of(OWN, PLAIN));

    // then each list has its own form: the first its text, the second the series-wide text and version
    assertThat(html).contains("id=\"signup-letters\"", "id=\"signup-plain\"", "id=\"consent-letters\"",
        "id=\"consent-plain\"", "id=\"email-letters\"", "id=\"timezone-plain\"",
        "id=\"consent-text-letters\">Yes, send me &lt;b&gt;Letters&lt;/b&gt; &amp; nothing else.</span>",
        "id=\"consent-text-plain\">" + ArchiveControllerTests.SIGNUP.consentText() + "</span>",
        "name=\"consentVersion\" value=\"" + ArchiveControllerTests.SIGNUP.consentTextVersion() + "\"");
    assertThat(html.indexOf("id=\"signup-letters\"")).isLessThan(html.indexOf("consent-text-letters"))
        .isLessThan(html.indexOf("id=\"signup-plain\""));
    // and no element id is used twice, so the labels and the time-zone script find their own form's fields
    assertThat(html).doesNotContain("id=\"consent\"", "id=\"email\"");
    assertThat(html.split("<script>", -1)).hasSize(2);
  }

  private static String render(List<MailingList> lists) throws Exception {
    // The web templates as Spring Boot loads them: classpath:/web/, .ftlh escaped as HTML.
    Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
    freemarker.setTemplateLoader(new ClassTemplateLoader(ArchiveSignUpFormTests.class, "/web/"));
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Letters archive");
    model.put("feedUrl", "/archive/feed.atom");
    model.put("issues", List.of());
    model.put("signUpLists", ArchiveController.signUpForms(lists, ArchiveControllerTests.SIGNUP));
    model.put("timezoneScript", ArchiveController.TIMEZONE_SCRIPT);
    StringWriter out = new StringWriter();
    freemarker.getTemplate("archive.ftlh").process(model, out);
    return out.toString();
  }
}
