package org.dripline.render;

import freemarker.template.Configuration;
import freemarker.template.MalformedTemplateNameException;
import freemarker.template.Template;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * FreeMarker's configuration that checks every template it hands out against {@link TemplateBounds}
 * (no {@code ?interpret}/{@code ?eval}, no gigantic literal sizes: refused with a ParseException
 * at the line) and adds thread-interruption checks to it, including the ones a template pulls in with #include or #import at render time (they all
 * come through this method). That is what lets {@link RenderLimits} stop an endless loop.
 * {@code _CoreAPI.addThreadInterruptedChecks} is FreeMarker's own hook for exactly this (its
 * online tester uses it); it is marked internal, so a FreeMarker upgrade must re-run the
 * template sandbox tests.
 */
final class GuardedConfiguration extends Configuration {

  private static final Set<Template> GUARDED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  // The verdict per template instance: the cache hands out the same instance on every #include.
  private final Map<Template, Optional<freemarker.core.ParseException>> verdicts =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final int maxSize;

  /** {@code maxSize}: the largest literal size (pad width, range length) a template may use. */
  GuardedConfiguration(int maxSize) {
    super(Configuration.VERSION_2_3_34);
    this.maxSize = maxSize;
  }

  @Override
  public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding,
      boolean parseAsFTL, boolean ignoreMissing)
      throws TemplateNotFoundException, MalformedTemplateNameException, freemarker.core.ParseException, IOException {
    Template template = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
    if (template != null) {
      Optional<freemarker.core.ParseException> refused = verdicts.computeIfAbsent(template, t -> {
        try {
          TemplateBounds.check(t, maxSize);
          return Optional.empty();
        } catch (freemarker.core.ParseException e) {
          return Optional.of(e);
        }
      });
      if (refused.isPresent()) {
        freemarker.core.ParseException e = refused.get();
        throw new freemarker.core.ParseException(e.getEditorMessage(), template, e.getLineNumber(), e.getColumnNumber(),
            e.getEndLineNumber(), e.getEndColumnNumber());
      }
      guard(template);
    }
    return template;
  }

  /** The same checks for a template built from a string (a subject line), then the guard. */
  void checkAndGuard(Template template) throws freemarker.core.ParseException {
    TemplateBounds.check(template, maxSize);
    guard(template);
  }

  /** Adds the checks once per template instance (the cache hands out the same instance many times). */
  static void guard(Template template) {
    synchronized (GUARDED) {
      if (GUARDED.add(template)) {
        freemarker.core._CoreAPI.addThreadInterruptedChecks(template);
      }
    }
  }
}
