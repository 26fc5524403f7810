package dev.edw.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {
  private static final BackendContext NO_ENV = new BackendContext(Map.of(), Clock.systemUTC());

  private static RedisOptions parse(String uri, BackendContext context) {
    return RedisOptions.from(ResourceUri.parse(uri), context);
  }

  @Test
  void full_uri_gives_host_port_database_and_list() {
    RedisOptions options = parse("redis://cache.local:6380/2/temperature_job", NO_ENV);

    assertThat(options.host()).isEqualTo("cache.local");
    assertThat(options.port()).isEqualTo(6380);
    assertThat(options.db()).isEqualTo(2);
    assertThat(options.tls()).isFalse();
    assertThat(options.uri().name()).isEqualTo("temperature_job");
    assertThat(options.password()).isNull();
  }

  @Test
  void password_in_the_user_info_moves_to_a_parameter_that_toString_hides() {
    RedisOptions options = parse("rediss://admin:p%40ss@cache.local:6380/0/jobs", NO_ENV);

    assertThat(options.username()).isEqualTo("admin");
    assertThat(options.password()).isEqualTo("p@ss");
    assertThat(options.tls()).isTrue();
    assertThat(options.uri().toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    assertThat(options.toString()).doesNotContain("p@ss");
    assertThat(options.redisUri().toString()).doesNotContain("p@ss");
  }

  @Test
  void uri_without_a_host_takes_host_port_and_password_from_the_environment() {
    BackendContext env =
        new BackendContext(
            Map.of("REDIS_HOST", "redis", "REDIS_PORT", "6390", "REDIS_PASSWORD", "pw"),
            Clock.systemUTC());

    RedisOptions options = parse("redis:temperature_job", env);

    assertThat(options.host()).isEqualTo("redis");
    assertThat(options.port()).isEqualTo(6390);
    assertThat(options.password()).isEqualTo("pw");
    assertThat(options.db()).isZero();
  }

  @Test
  void uri_without_a_host_or_environment_means_localhost_6379() {
    RedisOptions options = parse("redis:temperature_job?timeoutMs=1500", NO_ENV);

    assertThat(options.host()).isEqualTo("localhost");
    assertThat(options.port()).isEqualTo(6379);
    assertThat(options.timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void a_bad_port_is_refused_without_showing_the_password() {
    assertThatThrownBy(() -> parse("redis://:topsecret@host:port/0/jobs", NO_ENV))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void redis_password_applies_to_a_uri_with_a_host_but_no_password() {
    BackendContext env = new BackendContext(Map.of("REDIS_PASSWORD", "pw"), Clock.systemUTC());

    assertThat(parse("redis://cache.local:6379/0/jobs", env).password()).isEqualTo("pw");
    assertThat(parse("redis://:own@cache.local:6379/0/jobs", env).password()).isEqualTo("own");
    assertThat(parse("redis://cache.local/0/jobs?password=param", env).password())
        .isEqualTo("param");
  }

  @Test
  void a_misspelled_parameter_is_refused_naming_the_known_ones() {
    assertThatThrownBy(() -> parse("redis://h:6379/0/jobs?pasword=topsecret", NO_ENV))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'pasword'")
        .hasMessageContaining("known: db, password, timeoutMs, username, verifyPeer")
        .hasMessageNotContaining("topsecret");
  }
}
