package org.dripline.campaign;

/**
 * One thing wrong with a marketer's file, pointing at the place to fix it. Lines and columns are
 * 1-based like every editor's; 0 means "the whole file".
 */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
  }
}
