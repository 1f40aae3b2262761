package org.dripline.subscriber.importing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** One valid CSV row. Null or empty values mean "leave what is stored": an import never erases. */
record SubscriberRow(String email, String firstName, String timezone, Set<String> tags,
    Map<String, String> attributes, Set<String> lists) {

  static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  /** The same address twice in one file: the later row wins field by field, tags and lists add up. */
  SubscriberRow mergedWith(SubscriberRow later) {
    Set<String> allTags = new TreeSet<>(tags);
    allTags.addAll(later.tags);
    Map<String, String> allAttributes = new LinkedHashMap<>(attributes);
    allAttributes.putAll(later.attributes);
    Set<String> allLists = new TreeSet<>(lists);
    allLists.addAll(later.lists);
    return new SubscriberRow(email, later.firstName != null ? later.firstName : firstName,
        later.timezone != null ? later.timezone : timezone, allTags, allAttributes, allLists);
  }
}
