package dev.edw.deploy.check;

/**
 * One thing the render warns about.
 *
 * @param check the check's name, such as {@code strands-messages}
 * @param message what is wrong and what was done about it
 */
public record Finding(String check, String message) {
  @Override
  public String toString() {
    return check + ": " + message;
  }
}
