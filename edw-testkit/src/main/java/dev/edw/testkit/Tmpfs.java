package dev.edw.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs (or a read-only view of a directory) mounted for one test, to run a store on a disk
 * that fills up or is read-only. Mounting needs root (as in the project's CI container); elsewhere
 * {@link #mount} skips the test with an assumption that says why. {@link #close()} unmounts it.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;
  private final Path filler;

  private Tmpfs(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler.bin");
  }

  /** Mounts a tmpfs of {@code megabytes} on {@code dir} (made if missing), or skips the test. */
  public static Tmpfs mount(Path dir, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "mounting a tmpfs needs root; this test runs a store on a full filesystem and is skipped");
    int exit =
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
    assumeTrue(exit == 0, "mount -t tmpfs failed (exit " + exit + "): no privilege to mount here");
    return new Tmpfs(dir);
  }

  /**
   * Mounts {@code source} read-only on {@code target} (a read-only bind mount), so that files
   * opened through {@code target} cannot be written: a disk turned read-only. Skips the test where
   * it cannot mount.
   */
  public static Tmpfs readOnlyView(Path source, Path target)
      throws IOException, InterruptedException {
    Files.createDirectories(target);
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "a read-only bind mount needs root; this test is skipped");
    int exit = run("mount", "--bind", source.toString(), target.toString());
    assumeTrue(exit == 0, "mount --bind failed (exit " + exit + "): no privilege to mount here");
    Tmpfs view = new Tmpfs(target);
    if (run("mount", "-o", "remount,ro,bind", target.toString()) != 0) {
      view.close();
      throw new IllegalStateException("remounting " + target + " read-only failed");
    }
    return view;
  }

  public Path dir() {
    return dir;
  }

  /** Writes a filler file until the filesystem is full. */
  public void fill() throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int written = 0; written < 1 << 30; written += block.length) {
        out.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
      return;
    }
    throw new IllegalStateException("the tmpfs did not fill up");
  }

  /** Deletes the filler file: the space is free again. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", "-l", dir.toString());
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
