#!/usr/bin/env bash
# Run by `mvn package` (maven-antrun-plugin) after the jar is built; `-Ddripline.launcher.skip`
# skips it. Makes target/dripline/: the jar laid out by Spring Boot's `extract` (a plain class
# path starts faster than a jar of jars), the `dripline` launcher, and a class-data archive.
#
# The archive is a static CDS dump of the classes three commands load: --help, validate (on the
# repository's own files: it writes nothing) and jobs (on those files and a fresh embedded database
# in a training directory, so it also loads Flyway, Hikari, H2 and Spring Batch). A static dump from a class
# list, not -XX:ArchiveClassesAtExit: on JDK 17 both the dynamic dump of `jobs` and a class list
# with lambda proxies crash the dumping JVM (SystemDictionaryShared::
# adjust_lambda_proxy_class_dictionary), so the lambda-proxy lines are left out; those are made
# at run time as before. Without an archive the launcher still works, only slower: a failed dump
# is a warning, not a failed build.
#
#   src/main/launcher/package.sh JAVA_HOME TARGET_DIR BASE_DIR
set -u
java=$1/bin/java target=$2 base=$3
app=$target/dripline training=$target/dripline-training
rm -rf "$app" "$training"
if ! "$java" -Djarmode=tools -jar "$target/dripline.jar" extract --destination "$app" >/dev/null; then
  echo "error: could not lay out $target/dripline.jar in $app" >&2
  exit 1
fi
cp "$base/src/main/launcher/dripline" "$app/dripline" && chmod 755 "$app/dripline"
mkdir -p "$training"
record() { # LIST DIR ARGS...: the classes one command loads
  local list=$1 dir=$2
  shift 2
  (cd "$dir" && "$java" "-XX:DumpLoadedClassList=$training/$list" -jar "$app/dripline.jar" "$@") \
    >>"$training/training.log" 2>&1
}
record help.lst "$base" --help
record validate.lst "$base" validate
record jobs.lst "$base" jobs "--dripline.data-dir=$training/data"
cat "$training"/*.lst 2>/dev/null | grep -v '^@' | grep -v '^#' | sort -u >"$training/classes.lst"
if "$java" -Xshare:dump "-XX:SharedClassListFile=$training/classes.lst" "-XX:SharedArchiveFile=$app/dripline.jsa" \
    -jar "$app/dripline.jar" >"$training/dump.log" 2>&1 && [ -s "$app/dripline.jsa" ]; then
  echo "dripline: $app/dripline starts from a class-data archive of $(wc -l <"$training/classes.lst") classes"
  rm -rf "$training"
else
  rm -f "$app/dripline.jsa"
  echo "warning: no class-data archive for $app/dripline (it starts slower); see $training/dump.log" >&2
fi
