package org.dripline.render;

import freemarker.template.Configuration;
import freemarker.template.MalformedTemplateNameException;
import freemarker.template.Template;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * FreeMarker's configuration with thread-interruption checks added to every template it hands
 * out, including the ones a template pulls in with #include or #import at render time (they all
 * come through this method). That is what lets {@link RenderLimits} stop an endless loop.
 * {@code _CoreAPI.addThreadInterruptedChecks} is FreeMarker's own hook for exactly this (its
 * online tester uses it); it is marked internal, so a FreeMarker upgrade must re-run the
 * template sandbox tests.
 */
final class GuardedConfiguration extends Configuration {

  private static final Set<Template> GUARDED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  GuardedConfiguration() {
    super(Configuration.VERSION_2_3_34);
  }

  @Override
  public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding,
      boolean parseAsFTL, boolean ignoreMissing)
      throws TemplateNotFoundException, MalformedTemplateNameException, freemarker.core.ParseException, IOException {
    Template template = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
    if (template != null) {
      guard(template);
    }
    return template;
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
