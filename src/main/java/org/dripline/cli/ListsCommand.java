package org.dripline.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dripline.campaign.Problem;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.dripline.signup.ConsentText;
import org.dripline.signup.SignupSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "lists", mixinStandardHelpOptions = true,
    description = {"Every mailing list (lists/<id>.yaml) with its members: subscribed, waiting for their",
        "confirmation (pending) and unsubscribed from that list; the version of the consent text its",
        "sign-up records (own: the list file's consent, short SHA-256 of the text; series: no text of its",
        "own, dripline.subscribe.consent-text-version); and the problems of any list file."})
class ListsCommand implements Callable<Integer> {

  private final ListCatalog catalog;
  private final ListMemberships memberships;
  private final SignupSettings signup;

  @Spec
  CommandLine.Model.CommandSpec spec;

  ListsCommand(ListCatalog catalog, ListMemberships memberships, SignupSettings signup) {
    this.catalog = catalog;
    this.memberships = memberships;
    this.signup = signup;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    print(catalog.all(), memberships.counts(), signup, out);
    List<Problem> problems = catalog.problems();
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(err::println);
    out.flush();
    err.flush();
    return problems.isEmpty() ? CliRunner.OK : CliRunner.INVALID;
  }

  static void print(List<MailingList> lists, Map<String, ListMemberships.Counts> counts, SignupSettings signup,
      PrintWriter out) {
    if (lists.isEmpty()) {
      out.println("no lists: add lists/<id>.yaml files");
      return;
    }
    String row = "%-24s %10s %8s %12s  %-14s %-12s %-20s %s%n";
    out.printf(row, "list", "subscribed", "pending", "unsubscribed", "double opt-in", "sign-up form", "consent version",
        "name");
    for (MailingList list : lists) {
      ListMemberships.Counts n = counts.getOrDefault(list.id(), new ListMemberships.Counts(0, 0, 0));
      out.printf(row, list.id(), n.subscribed(), n.pending(), n.unsubscribed(), list.doubleOptIn() ? "yes" : "no",
          list.signUpForm() ? "yes" : "no", consent(list, signup), Problem.escaped(list.name()));
    }
  }

  /**
   * What a sign-up to the list records as its consent version, by the form's own rule
   * ({@link ConsentText#of}): "own" when the list file has its text, "series" for the series-wide one.
   */
  private static String consent(MailingList list, SignupSettings signup) {
    String version = ConsentText.of(list, signup).version();
    return (list.consent().isEmpty() ? "series " : "own ") + Problem.escaped(version);
  }
}
