package dev.edw.cli;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.deploy.DeployConfig;
import dev.edw.deploy.DeployConfigReader;
import dev.edw.deploy.Renderer;
import dev.edw.deploy.Rendering;
import dev.edw.deploy.Target;
import dev.edw.deploy.check.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edw deploy}: Kubernetes manifests of a workload. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = "Deploy to Kubernetes: render the manifests of a workload.",
    subcommands = {DeployCommand.Render.class})
final class DeployCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code edw deploy render}: YAML on stdout, warnings on stderr. */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = {
        "Print the Kubernetes manifests of a workload as YAML: Namespace, ServiceAccount,"
            + " Deployment and KEDA ScaledObject (or ScaledJob), TriggerAuthentication, the"
            + " Karpenter NodePool on AKS and EKS, and Redis for a redis:// queue.",
        "Without --config, the seed's workload (queue aws2azmsgs, table aws2azpmts, namespace"
            + " aqs-demo). Settings that strand messages are reported on stderr and fixed."
      })
  static final class Render implements Callable<Integer> {
    @Option(
        names = "--target",
        required = true,
        paramLabel = "aks|eks|k8s",
        description = "Where the manifests go: aks, eks or k8s (any other cluster).")
    String target;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML settings laid over the target's defaults (see docs/deploy.md).")
    Path config;

    @Override
    public Integer call() throws IOException {
      Target t = Target.parse(target);
      String yaml = null;
      String source = "the defaults";
      if (config != null) {
        if (!Files.isRegularFile(config)) {
          throw new ResourceNotFoundException("config file '" + config + "' does not exist");
        }
        yaml = Files.readString(config, StandardCharsets.UTF_8);
        source = config.toString();
      }
      DeployConfig c = DeployConfigReader.read(t, yaml, source);
      Rendering rendering = Renderer.render(t, c);
      for (Finding f : rendering.warnings()) {
        System.err.println("edw deploy render: warning: " + f);
      }
      System.out.print(rendering.yaml());
      System.out.flush();
      return Main.EXIT_OK;
    }
  }
}
