package org.dripline.segment;

import java.util.List;

/**
 * A typed audience rule, parsed from campaign YAML and compiled to SQL by {@link AudienceSql}.
 * Never raw SQL: the YAML can only name these shapes.
 */
public sealed interface Rule permits Rule.Group, Rule.Tag {

  /** Everyone who is subscribed. */
  Rule EVERYONE = new Group(Group.Kind.ALL, List.of());

  record Group(Kind kind, List<Rule> rules) implements Rule {
    public enum Kind { ALL, ANY, NONE }
  }

  record Tag(String tag) implements Rule {
  }
}
