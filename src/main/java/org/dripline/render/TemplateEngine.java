package org.dripline.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Location;
import org.dripline.campaign.Problem;
import org.dripline.campaign.Step;
import org.dripline.infra.HeaderText;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.subscriber.SubscriberStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * FreeMarker for marketers' templates: sandboxed (no class instantiation, no {@code ?api}, the
 * loader confined to the templates directory), HTML auto-escaped in {@code .ftlh}, errors
 * rethrown with their file and line rather than printed into the email.
 */
@Component
public class TemplateEngine {

  static final String HTML_SUFFIX = ".html.ftlh";
  static final String TEXT_SUFFIX = ".txt.ftl";

  private final Path directory;
  private final GuardedConfiguration configuration;
  private final RenderLimits limits;

  public TemplateEngine(Path directory) {
    this(directory, RenderLimits.DEFAULTS);
  }

  @Autowired
  TemplateEngine(RenderSettings settings) {
    this(settings.templatesDir(), settings.render());
  }

  public TemplateEngine(Path directory, RenderLimits limits) {
    this.directory = directory;
    this.limits = limits;
    this.configuration = configure(directory, limits);
  }

  private static GuardedConfiguration configure(Path directory, RenderLimits limits) {
    // Literal sizes (pad widths, ranges fed to built-ins) are bounded by the output cap: see TemplateBounds.
    GuardedConfiguration cfg = new GuardedConfiguration(limits.maxOutputChars());
    try {
      // FileTemplateLoader refuses names that resolve outside its base directory ("../").
      cfg.setTemplateLoader(new FileTemplateLoader(directory.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("templates directory " + directory.toAbsolutePath().normalize()
          + " is not readable: run Dripline from the project directory or set dripline.templates-dir", e);
    }
    cfg.setDefaultEncoding("UTF-8");
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setLocalizedLookup(false);
    // Templates are compiled once per run; a short delay still lets a long-running server see edits.
    cfg.setTemplateUpdateDelayMilliseconds(2000);
    return cfg;
  }

  public Path directory() {
    return directory;
  }

  /** Parses every template of the campaign; throws {@link TemplateProblemsException} listing all problems. */
  public CompiledCampaign compile(Campaign campaign) {
    List<Problem> problems = new ArrayList<>();
    Location layoutAt = campaign.layoutLocation();
    Template htmlLayout = load("layouts/" + campaign.layout() + HTML_SUFFIX, layoutAt, "layout", problems);
    Template textLayout = load("layouts/" + campaign.layout() + TEXT_SUFFIX, layoutAt, "layout", problems);
    Map<String, CompiledCampaign.CompiledStep> steps = new LinkedHashMap<>();
    for (Step step : campaign.steps()) {
      Template html = load(step.template() + HTML_SUFFIX, step.templateLocation(), "template", problems);
      Template text = load(step.template() + TEXT_SUFFIX, step.templateLocation(), "template", problems);
      Template subject = inline(campaign.id() + "/" + step.id() + "/subject", step.subject(), step.subjectLocation(), problems);
      Template preheader = inline(campaign.id() + "/" + step.id() + "/preheader", step.preheader(), step.subjectLocation(), problems);
      // A newsletter issue's steps are variants of one email, not a series: no "email 1 of 1".
      steps.put(step.id(), new CompiledCampaign.CompiledStep(html, text, subject, preheader,
          campaign.isBroadcast() ? 0 : campaign.stepNumber(step.id()), campaign.isBroadcast() ? 0 : campaign.seriesLength()));
    }
    if (!problems.isEmpty()) {
      throw new TemplateProblemsException(problems);
    }
    return new CompiledCampaign(campaign, htmlLayout, textLayout, Map.copyOf(steps));
  }

  /**
   * Compiles, then renders every step for a subscriber with all fields and one with none, so a
   * template that breaks on a missing first name or attribute is caught before any send.
   */
  public List<Problem> check(Campaign campaign) {
    CompiledCampaign compiled;
    try {
      compiled = compile(campaign);
    } catch (TemplateProblemsException e) {
      return e.problems();
    }
    List<Problem> problems = new ArrayList<>();
    MessageLinks links = new MessageLinks("https://unsubscribe.invalid/", "https://preferences.invalid/", "https://view.invalid/");
    List<SubscriberProfile> samples = List.of(
        new SubscriberProfile(1, "sample@example.com", "Sam", "Europe/Berlin", SubscriberStatus.ACTIVE.name(), Map.of("country", "DE"), List.of("sample")),
        new SubscriberProfile(2, "anonymous@example.com", null, null, SubscriberStatus.ACTIVE.name(), Map.of(), List.of()));
    for (Step step : campaign.steps()) {
      for (SubscriberProfile sample : samples) {
        try {
          render(compiled, step.id(), sample, links);
        } catch (RenderException e) {
          Problem problem = problemFor(e, step.subjectLocation(),
              "step '" + step.id() + "' fails for a subscriber " + (sample.firstName() == null ? "without" : "with")
                  + " a first name: ");
          if (!problems.contains(problem)) {
            problems.add(problem);
          }
        }
      }
    }
    return problems;
  }

  /** Parses every template file under the directory, used by campaigns or not. */
  public List<Problem> parseAll() {
    List<Problem> problems = new ArrayList<>();
    if (!java.nio.file.Files.isDirectory(directory)) {
      problems.add(new Problem(directory.toString(), 0, 0, "templates directory not found"));
      return problems;
    }
    try (var files = java.nio.file.Files.walk(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ftlh") || f.toString().endsWith(".ftl")).sorted().toList()) {
        String name = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        load(name, new Location(file.toString(), 0, 0), "template", problems);
      }
    } catch (IOException e) {
      problems.add(new Problem(directory.toString(), 0, 0, "cannot list templates: " + e.getMessage()));
    }
    return problems;
  }

  public RenderedMessage render(CompiledCampaign compiled, String stepId, SubscriberProfile subscriber, MessageLinks links) {
    CompiledCampaign.CompiledStep step = compiled.steps().get(stepId);
    if (step == null) {
      throw new RenderException("campaign " + compiled.campaign().id() + " has no step " + stepId, null);
    }
    Map<String, Object> model = TemplateModel.of(compiled.campaign(), step, stepId, subscriber, links);
    String subject = HeaderText.clean(process(step.subject(), model));
    String preheader = HeaderText.clean(process(step.preheader(), model));
    Map<String, Object> stepModel = new LinkedHashMap<>(TemplateModel.step(step, stepId));
    stepModel.put("subject", subject);
    stepModel.put("preheader", preheader);
    model.put("step", stepModel);
    String htmlBody = process(step.html(), model);
    String textBody = process(step.text(), model);
    model.put("body", markup(htmlBody));
    String html = process(compiled.htmlLayout(), model);
    model.put("body", textBody);
    String text = process(compiled.textLayout(), model);
    return new RenderedMessage(subject, preheader, html, text);
  }

  private static Object markup(String html) {
    try {
      return HTMLOutputFormat.INSTANCE.fromMarkup(html);
    } catch (freemarker.template.TemplateModelException e) {
      throw new RenderException("cannot wrap the rendered body as HTML", e);
    }
  }

  /**
   * Renders with the runaway guards: output beyond {@code maxOutputChars} and processing beyond
   * {@code timeout} abort this template (so this one message) with a RenderException.
   */
  private String process(Template template, Map<String, Object> model) {
    RenderLimits.CappedWriter out = new RenderLimits.CappedWriter(limits.maxOutputChars());
    // An interrupt from elsewhere (a stopping executor) is held back while the template runs, so
    // the interruption checks only ever see the watchdog's, and is restored afterwards.
    boolean interruptedBefore = Thread.interrupted();
    RenderLimits.Watch watch = limits.watch();
    try {
      template.process(model, out);
    } catch (StackOverflowError e) {
      // Caught here, per template: the stack is unwound to this message's frame and nothing else shares it.
      throw new BoundReached(template.getSourceName() + ": " + RECURSION, recursionSite(template, e));
    } catch (OutOfMemoryError e) {
      // A value computed from data (a pad width, a doubling string) asked for more memory than there is; the
      // allocation failed, so the garbage is this render's own and is released with it.
      throw new BoundReached(template.getSourceName() + ": " + MEMORY, e);
    } catch (TemplateException | IOException | RuntimeException e) {
      if (!watch.fired() && Thread.currentThread().isInterrupted()) {
        throw new RenderException(template.getSourceName() + ": interrupted (the process is stopping)", e);
      }
      if (watch.reason() == RenderLimits.Watch.Reason.MEMORY) {
        throw new BoundReached(template.getSourceName() + ": " + allocationMessage(), e);
      }
      if (watch.fired()) {
        throw new BoundReached(template.getSourceName() + ": took longer than " + limits.timeout().toMillis()
            + " ms (an endless loop?)", e);
      }
      if (out.overflowed()) {
        throw new RenderException(template.getSourceName() + ": output is longer than " + limits.maxOutputChars()
            + " characters (a runaway loop?)", e);
      }
      throw new RenderException(template.getSourceName() + ": " + firstLine(e.getMessage()) + refusedInclude(e), e);
    } finally {
      watch.stop();
      if (interruptedBefore) {
        Thread.currentThread().interrupt();
      }
    }
    if (watch.reason() == RenderLimits.Watch.Reason.MEMORY) {
      throw new BoundReached(template.getSourceName() + ": " + allocationMessage(), null);
    }
    if (watch.fired()) {
      throw new BoundReached(template.getSourceName() + ": took longer than " + limits.timeout().toMillis() + " ms", null);
    }
    return out.toString();
  }

  /** An #include or #import of a file the engine refuses: say which line of it and why. */
  private static String refusedInclude(Throwable e) {
    if (e.getCause() instanceof ParseException pe) {
      return " " + pe.getTemplateName() + ":" + pe.getLineNumber() + ":" + pe.getColumnNumber() + ": "
          + firstLine(pe.getEditorMessage());
    }
    return "";
  }

  private String allocationMessage() {
    return "allocated more than " + limits.maxAllocation().toMegabytes()
        + " MB (dripline.render.max-allocation; a loop that runs away, or a string or list that grows without bound?)";
  }

  static final String RECURSION = "recursion deeper than the stack allows (a macro or function that calls itself without end?)";
  static final String MEMORY = "needs more memory than there is (a string or list that grows without bound?)";

  /** Where the recursion most likely is, so {@code validate} names the line. */
  private static Throwable recursionSite(Template template, StackOverflowError e) {
    freemarker.core.Macro macro = TemplateBounds.selfCalling(template);
    if (macro == null || !template.getSourceName().contains(".ftl")) {
      return e;
    }
    return new TemplateLocated(template.getSourceName(), macro.getBeginLine(), macro.getBeginColumn(),
        "#" + (macro.isFunction() ? "function " : "macro ") + macro.getName() + " calls itself: " + RECURSION, e);
  }

  /** A guard stopped the template (time, memory, recursion): the message says which, the cause says little. */
  static final class BoundReached extends RenderException {
    BoundReached(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A render failure with the template position FreeMarker could not attach itself. */
  static final class TemplateLocated extends RuntimeException {
    final String sourceName;
    final int line;
    final int column;

    TemplateLocated(String sourceName, int line, int column, String message, Throwable cause) {
      super(message, cause, false, false);
      this.sourceName = sourceName;
      this.line = line;
      this.column = column;
    }
  }

  private Template load(String name, Location declaredAt, String key, List<Problem> problems) {
    try {
      // GuardedConfiguration refuses ?interpret, ?eval and oversized literals with a ParseException at the line.
      return configuration.getTemplate(name);
    } catch (TemplateNotFoundException e) {
      problems.add(declaredAt.problem(key + " file not found: " + directory.resolve(name)));
    } catch (ParseException e) {
      problems.add(new Problem(directory.resolve(name).toString(), e.getLineNumber(), e.getColumnNumber(),
          firstLine(e.getEditorMessage())));
    } catch (IOException e) {
      problems.add(declaredAt.problem("cannot read " + directory.resolve(name) + ": " + e.getMessage()));
    }
    return null;
  }

  private Template inline(String name, String source, Location declaredAt, List<Problem> problems) {
    try {
      Template template = new Template(name, new StringReader(source), configuration);
      try {
        configuration.checkAndGuard(template);
      } catch (ParseException e) {
        problems.add(declaredAt.problem(name.substring(name.lastIndexOf('/') + 1) + ": " + firstLine(e.getEditorMessage())));
        return null;
      }
      return template;
    } catch (ParseException e) {
      problems.add(declaredAt.problem(name.substring(name.lastIndexOf('/') + 1) + " is not a valid template: "
          + firstLine(e.getEditorMessage())));
    } catch (IOException e) {
      problems.add(declaredAt.problem(e.getMessage()));
    }
    return null;
  }

  private Problem problemFor(RenderException rendered, Location fallback, String prefix) {
    Throwable cause = rendered.getCause();
    if (cause instanceof TemplateLocated at) {
      return new Problem(directory.resolve(at.sourceName).toString(), at.line, at.column, prefix + at.getMessage());
    }
    if (cause instanceof TemplateException te && te.getTemplateSourceName() != null && te.getLineNumber() != null
        && te.getTemplateSourceName().contains(".ftl")) {
      return new Problem(directory.resolve(te.getTemplateSourceName()).toString(), te.getLineNumber(),
          te.getColumnNumber() == null ? 1 : te.getColumnNumber(), prefix + firstLine(te.getMessageWithoutStackTop()));
    }
    if (rendered instanceof BoundReached) {
      // the cause (a JVM error, FreeMarker's "interrupted" flag) says nothing useful; the guard said what it means
      return fallback.problem(prefix + firstLine(rendered.getMessage()));
    }
    String message = cause == null ? "" : cause instanceof TemplateException te ? te.getMessageWithoutStackTop() : cause.getMessage();
    return fallback.problem(prefix + firstLine(message));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
