package dev.edw.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.blob.BlobInfo;
import dev.edw.api.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do; one subclass per backend. */
public abstract class BlobStoreContract {
  protected BlobStore blobs;
  private final List<BlobStore> opened = new ArrayList<>();

  /** Opens (without creating) a store of this name that no other test uses. */
  protected abstract BlobStore openBlobStore(String name);

  @BeforeEach
  void createStore() {
    blobs = openBlobStore("b" + Long.toString(System.nanoTime(), 36));
    opened.add(blobs);
    blobs.createIfMissing();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(BlobStore::close);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void put_blob_reads_back_byte_for_byte() {
    byte[] content = new byte[70_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }

    blobs.put("data/one.bin", content);

    assertThat(blobs.get("data/one.bin")).isEqualTo(content);
  }

  @Test
  void put_from_a_stream_of_unknown_length_stores_it_all() {
    byte[] content = utf8("Datetime,Temperature\n2026-01-01 00:00:00,3.5\n");

    blobs.put("t.csv", new ByteArrayInputStream(content), -1);

    assertThat(blobs.get("t.csv")).isEqualTo(content);
  }

  @Test
  void putting_a_blob_again_replaces_it() {
    blobs.put("x", utf8("old"));

    blobs.put("x", utf8("new"));

    assertThat(blobs.get("x")).isEqualTo(utf8("new"));
    assertThat(blobs.list("")).hasSize(1);
  }

  @Test
  void list_filters_by_prefix_in_name_order_with_sizes() {
    blobs.put("b.csv", utf8("bb"));
    blobs.put("a.csv", utf8("a"));
    blobs.put("other.txt", utf8("o"));

    List<BlobInfo> csv = blobs.list("");

    assertThat(csv).extracting(BlobInfo::name).containsExactly("a.csv", "b.csv", "other.txt");
    assertThat(blobs.list("b")).singleElement().matches(b -> b.size() == 2);
  }

  @Test
  void delete_removes_a_blob_and_says_whether_it_was_there() {
    blobs.put("gone", utf8("x"));

    assertThat(blobs.delete("gone")).isTrue();
    assertThat(blobs.delete("gone")).isFalse();
    assertThatThrownBy(() -> blobs.open("gone")).isInstanceOf(ResourceNotFoundException.class);
  }
}
