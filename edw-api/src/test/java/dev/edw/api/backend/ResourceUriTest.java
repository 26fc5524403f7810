package dev.edw.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class ResourceUriTest {

  @Test
  void fragment_names_the_resource_of_a_file_location() {
    ResourceUri uri = ResourceUri.parse("sqlite:edw-data/edw.db?sync=normal#orders");

    assertThat(uri.scheme()).isEqualTo("sqlite");
    assertThat(uri.location()).isEqualTo("edw-data/edw.db");
    assertThat(uri.name()).isEqualTo("orders");
    assertThat(uri.param("sync")).contains("normal");
    assertThat(uri.format()).isEqualTo("sqlite:edw-data/edw.db?sync=normal#orders");
  }

  @Test
  void last_path_segment_names_the_resource_of_a_service_location() {
    ResourceUri uri =
        ResourceUri.parse(
            "azure-queue://acct/orders?endpoint=http://127.0.0.1:10001/devstoreaccount1");

    assertThat(uri.location()).isEqualTo("//acct");
    assertThat(uri.name()).isEqualTo("orders");
    assertThat(uri.param("endpoint")).contains("http://127.0.0.1:10001/devstoreaccount1");
    assertThat(ResourceUri.parse(uri.format())).isEqualTo(uri);
  }

  @Test
  void bare_name_lives_in_the_default_store() {
    assertThat(ResourceUri.parse("orders", "sqlite:x.db").format()).isEqualTo("sqlite:x.db#orders");
  }

  @Test
  void with_name_keeps_location_and_parameters() {
    ResourceUri poison = ResourceUri.parse("redis://h:6379/0/jobs?db=1").withName("jobs-poison");

    assertThat(poison.format()).isEqualTo("redis://h:6379/0/jobs-poison?db=1");
  }

  @Test
  void secrets_in_parameters_and_user_info_never_print() {
    ResourceUri uri =
        ResourceUri.parse("redis://user:hunter2@h:6379/0/jobs?password=s3cret&accountKey=abc");

    assertThat(uri.toString()).doesNotContain("hunter2", "s3cret", "abc").contains("***");
    assertThat(uri.format()).contains("hunter2");
  }

  @Test
  void malformed_uris_fail_with_messages_that_hide_secrets() {
    assertThatThrownBy(() -> ResourceUri.parse("redis://u:hunter2@h/"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("names no resource")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> ResourceUri.parse("")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ResourceUri.parse("sqlite:x.db#a b"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ResourceUri.parse("sqs://r/q?novalue"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void unknown_parameter_is_refused_naming_the_known_ones_without_showing_values() {
    ResourceUri uri = ResourceUri.parse("redis://h:6379/0/jobs?pasword=hunter2&db=1");

    assertThatThrownBy(() -> uri.requireKnownParams(java.util.Set.of("password", "db")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown parameter 'pasword'")
        .hasMessageContaining("known: db, password")
        .hasMessageNotContaining("hunter2");
    assertThat(
            ResourceUri.parse("sqlite:x.db?sync=full#q")
                .requireKnownParams(java.util.Set.of("sync")))
        .isNotNull();
  }

  @Test
  void misspelled_and_secret_looking_parameters_are_masked() {
    ResourceUri uri =
        ResourceUri.parse(
            "azure-queue://acct/q?pasword=p1&acountKey=p2&conectionString=p3&sig=p4&snyc=normal");

    assertThat(uri.toString()).doesNotContain("p1", "p2", "p3", "p4").contains("snyc=normal");
  }

  @Test
  void a_default_store_without_a_scheme_is_a_clear_error_not_a_stack_overflow() {
    assertThatThrownBy(() -> ResourceUri.parse("orders", "edw-data/other.db"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no scheme")
        .hasMessageContaining("sqlite:edw-data/other.db");
  }
}
