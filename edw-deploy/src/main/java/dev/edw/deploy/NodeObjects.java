package dev.edw.deploy;

import static dev.edw.deploy.Yaml.map;

import java.util.List;
import java.util.Map;

/**
 * Node autoscaling with Karpenter v1: a NodePool of spot or on-demand capacity, with an
 * AKSNodeClass (AKS node autoprovisioning) or an EC2NodeClass (Karpenter on EKS). Only fields a
 * user writes: no status, no server-side defaults copied from a live cluster.
 */
final class NodeObjects {
  static final String NODEPOOL_API = "karpenter.sh/v1";
  static final String AKS_CLASS_API = "karpenter.azure.com/v1beta1";
  static final String EC2_CLASS_API = "karpenter.k8s.aws/v1";

  private final DeployConfig.Nodes nodes;
  private final Target target;

  NodeObjects(DeployConfig.Nodes nodes, Target target) {
    this.nodes = nodes;
    this.target = target;
  }

  Map<String, Object> nodePool() {
    boolean aks = target == Target.AKS;
    List<Object> requirements =
        List.of(
            map(
                "key",
                "karpenter.sh/capacity-type",
                "operator",
                "In",
                "values",
                List.of(nodes.capacity())),
            map("key", "kubernetes.io/arch", "operator", "In", "values", List.of("amd64")),
            map("key", "kubernetes.io/os", "operator", "In", "values", List.of("linux")));
    return map(
        "apiVersion",
        NODEPOOL_API,
        "kind",
        "NodePool",
        "metadata",
        map("name", nodes.pool()),
        "spec",
        map(
            "template",
            map(
                "metadata",
                map("labels", map("app.kubernetes.io/part-of", "edw")),
                "spec",
                map(
                    "nodeClassRef",
                    map(
                        "group",
                        aks ? "karpenter.azure.com" : "karpenter.k8s.aws",
                        "kind",
                        aks ? "AKSNodeClass" : "EC2NodeClass",
                        "name",
                        nodes.pool()),
                    "requirements",
                    requirements,
                    "expireAfter",
                    "720h")),
            "limits",
            map("cpu", String.valueOf(nodes.cpuLimit())),
            "disruption",
            map("consolidationPolicy", "WhenEmptyOrUnderutilized", "consolidateAfter", "1m")));
  }

  Map<String, Object> nodeClass() {
    if (target == Target.AKS) {
      return map(
          "apiVersion",
          AKS_CLASS_API,
          "kind",
          "AKSNodeClass",
          "metadata",
          map("name", nodes.pool()),
          "spec",
          map("imageFamily", "AzureLinux", "osDiskSizeGB", 64));
    }
    Map<String, Object> discovery = map("tags", map("karpenter.sh/discovery", nodes.clusterName()));
    return map(
        "apiVersion",
        EC2_CLASS_API,
        "kind",
        "EC2NodeClass",
        "metadata",
        map("name", nodes.pool()),
        "spec",
        map(
            "role",
            nodes.nodeRole(),
            "amiSelectorTerms",
            List.of(map("alias", "al2023@latest")),
            "subnetSelectorTerms",
            List.of(discovery),
            "securityGroupSelectorTerms",
            List.of(discovery),
            "metadataOptions",
            map(
                "httpEndpoint",
                "enabled",
                "httpTokens",
                "required",
                "httpPutResponseHopLimit",
                1)));
  }
}
