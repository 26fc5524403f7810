package dev.edw.file;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files under one directory. A put streams into a temporary file under {@value
 * BlobNames#TEMP_DIR} and then moves it into place atomically, so readers see the old or the new
 * content and never a partial file. Names with {@code /} are files in subdirectories, created as
 * needed. Safe for concurrent use: all state is in the file system.
 */
final class FileBlobStore implements BlobStore {
  private final ResourceUri uri;
  private final Path root;

  FileBlobStore(ResourceUri uri, Path root) {
    this.uri = uri;
    this.root = root;
  }

  @Override
  public ResourceUri uri() {
    return uri;
  }

  @Override
  public boolean createIfMissing() {
    if (Files.isDirectory(root)) {
      return false;
    }
    try {
      Files.createDirectories(root);
      return true;
    } catch (FileAlreadyExistsException e) {
      throw new InvalidInputException("'" + uri + "' is a file, not a directory", e);
    } catch (IOException e) {
      throw failure("create", e);
    }
  }

  @Override
  public boolean exists() {
    return Files.isDirectory(root);
  }

  @Override
  public void put(String name, byte[] content) {
    put(name, new ByteArrayInputStream(content), content.length);
  }

  @Override
  public void put(String name, InputStream content, long length) {
    Path target = resolve(name);
    requireRoot();
    Path tempDir = root.resolve(BlobNames.TEMP_DIR);
    Path temp = null;
    try {
      Files.createDirectories(tempDir);
      temp = tempDir.resolve(UUID.randomUUID() + ".part");
      Files.copy(content, temp);
      Files.createDirectories(target.getParent());
      move(temp, target);
      temp = null;
    } catch (IOException e) {
      throw failure("write '" + name + "' to", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a left-over temporary file is harmless: list() never shows it
        }
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public InputStream open(String name) {
    Path file = resolve(name);
    if (Files.isDirectory(file)) {
      throw notFound(name);
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw notFound(name);
    } catch (IOException e) {
      throw failure("read '" + name + "' from", e);
    }
  }

  @Override
  public List<BlobInfo> list(String prefix) {
    requireRoot();
    Path temp = root.resolve(BlobNames.TEMP_DIR);
    List<BlobInfo> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.startsWith(temp)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException deletedMeanwhile) {
          continue;
        }
        if (!attributes.isRegularFile()) {
          continue;
        }
        String name = nameOf(file);
        if (name.startsWith(prefix)) {
          found.add(
              new BlobInfo(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw failure("list", e instanceof IOException io ? io : e.getCause());
    }
    found.sort(Comparator.comparing(BlobInfo::name));
    return found;
  }

  private String nameOf(Path file) {
    Path relative = root.relativize(file);
    StringBuilder name = new StringBuilder();
    for (Path segment : relative) {
      if (!name.isEmpty()) {
        name.append('/');
      }
      name.append(segment);
    }
    return name.toString();
  }

  @Override
  public boolean delete(String name) {
    Path file = resolve(name);
    if (Files.isDirectory(file)) {
      return false;
    }
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("delete '" + name + "' from", e);
    }
  }

  @Override
  public void close() {
    // nothing to release: every call opens and closes its own files
  }

  private Path resolve(String name) {
    Path file = root.resolve(BlobNames.check(name)).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new InvalidInputException("Blob name '" + name + "' leaves the store's directory.");
    }
    return file;
  }

  private void requireRoot() {
    if (!Files.isDirectory(root)) {
      throw new ResourceNotFoundException(
          "blob store '" + uri + "' does not exist: the directory is missing; create it first");
    }
  }

  private ResourceNotFoundException notFound(String name) {
    requireRoot();
    return new ResourceNotFoundException("blob '" + name + "' does not exist in '" + uri + "'");
  }

  private BackendUnavailableException failure(String what, Throwable cause) {
    return new BackendUnavailableException(
        "could not " + what + " blob store '" + uri + "': " + cause, cause);
  }
}
