package dev.edw.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The process's own meters: Micrometer's JVM and process binders (memory, GC, threads, classes,
 * CPU, uptime, open files) and {@code edw_build_info{version, commit, java}} = 1.
 */
public final class ProcessMetrics implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /**
   * Meters of the binders whose Prometheus names break the exposition lint ({@code
   * process_cpu_time_ns_total}: a unit abbreviation; {@code system_cpu_count}: a reserved suffix);
   * {@code process_cpu_usage} and {@code system_cpu_usage} say the same.
   */
  static final java.util.Set<String> DENIED =
      java.util.Set.of("process.cpu.time", "system.cpu.count");

  /**
   * Leaves out the {@link #DENIED} meters; call it on a new registry, before any meter is
   * registered.
   */
  public static <R extends MeterRegistry> R withLintFilter(R registry) {
    registry
        .config()
        .meterFilter(
            io.micrometer.core.instrument.config.MeterFilter.deny(
                id -> DENIED.contains(id.getName())));
    return registry;
  }

  /** Binds the JVM and process meters to a registry made with {@link #withLintFilter}. */
  public ProcessMetrics(MeterRegistry registry, String version, String commit) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("edw.build.info", () -> 1)
        .description("the edw build: version and git commit; always 1")
        .tag("version", version)
        .tag("commit", commit)
        .tag("java", System.getProperty("java.version", "unknown"))
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
  }
}
