package dev.edw.scaling.spec;

import java.util.Optional;

/**
 * {@code advanced.horizontalPodAutoscalerConfig.behavior}: what the user wrote, defaults not yet
 * applied (the HPA fills them in; see {@code dev.edw.scaling.engine.HpaBehavior}).
 */
public record BehaviorSpec(Optional<RulesSpec> scaleUp, Optional<RulesSpec> scaleDown) {}
