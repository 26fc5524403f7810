package dev.edw.scaling.spec;

import java.util.List;
import java.util.Map;

/** A parsed KEDA object: a {@link ScaledObjectSpec} or a {@link ScaledJobSpec}. */
public sealed interface KedaObject permits ScaledObjectSpec, ScaledJobSpec {
  /** KEDA's default {@code pollingInterval}, seconds. */
  int DEFAULT_POLLING_INTERVAL = 30;

  String name();

  Map<String, String> annotations();

  int pollingInterval();

  int minReplicaCount();

  int maxReplicaCount();

  List<TriggerSpec> triggers();
}
