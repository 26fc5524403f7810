package dev.edw.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import dev.edw.testkit.BlobStoreContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blob-store contract, plus the file store's own rules, on a temporary directory. */
class FileBlobStoreContractTest extends BlobStoreContract {
  @TempDir Path dir;

  private static final FileBackendProvider PROVIDER = new FileBackendProvider();

  @Override
  protected BlobStore openBlobStore(String name) {
    return PROVIDER.openBlobStore(ResourceUri.parse("file:" + dir + "/" + name), context());
  }

  private static BackendContext context() {
    return BackendContext.system();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void uri_names_the_directory_location_slash_name() {
    ResourceUri uri = ResourceUri.parse("file:" + dir + "/images");

    BlobStore store = PROVIDER.openBlobStore(uri, context());
    store.createIfMissing();

    assertThat(dir.resolve("images")).isDirectory();
    assertThat(FileBackendProvider.directory(ResourceUri.parse("file:data#images")))
        .isEqualTo(Path.of("data", "images").toAbsolutePath());
    assertThat(FileBackendProvider.directory(ResourceUri.parse("file:///srv/images")))
        .isEqualTo(Path.of("/srv/images"));
  }

  @Test
  void nested_names_are_listed_recursively_with_slashes_in_name_order() {
    blobs.put("b/2.txt", utf8("2"));
    blobs.put("a.txt", utf8("a"));
    blobs.put("b/1.txt", utf8("1"));
    blobs.put("b/c/3.txt", utf8("3"));

    assertThat(blobs.list(""))
        .extracting(BlobInfo::name)
        .containsExactly("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt");
    assertThat(blobs.list("b/"))
        .extracting(BlobInfo::name)
        .containsExactly("b/1.txt", "b/2.txt", "b/c/3.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "a/../../escape", "/etc/passwd", "a//b", "./a", "a\\b", ""})
  void names_that_could_leave_the_directory_are_refused(String name) {
    assertThatThrownBy(() -> blobs.put(name, utf8("x"))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> blobs.open(name)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> blobs.delete(name)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void a_failed_upload_leaves_the_old_blob_and_no_visible_partial_file() {
    blobs.put("x.bin", utf8("old"));
    InputStream broken =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ < 10) {
              return 'n';
            }
            throw new IOException("connection reset");
          }
        };

    assertThatThrownBy(() -> blobs.put("x.bin", broken, -1)).hasMessageContaining("x.bin");

    assertThat(blobs.get("x.bin")).isEqualTo(utf8("old"));
    assertThat(blobs.list("")).extracting(BlobInfo::name).containsExactly("x.bin");
  }

  @Test
  void a_store_whose_directory_is_missing_fails_clearly() {
    BlobStore missing =
        PROVIDER.openBlobStore(ResourceUri.parse("file:" + dir + "/nope"), context());

    assertThat(missing.exists()).isFalse();
    assertThatThrownBy(() -> missing.put("a", utf8("a")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> missing.list("")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void queues_and_tables_are_not_offered() {
    ResourceUri uri = ResourceUri.parse("file:" + dir + "/q");

    assertThatThrownBy(() -> PROVIDER.openQueue(uri, context()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("queue");
  }
}
