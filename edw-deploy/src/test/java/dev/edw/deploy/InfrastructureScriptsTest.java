package dev.edw.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/azure and deploy/aws run against a recording stand-in for the cloud CLIs: the commands,
 * their order, the role scopes, a re-run that creates nothing twice, the dry run, prerequisites.
 */
class InfrastructureScriptsTest {
  static final List<String> SCRIPTS =
      List.of(
          "deploy/azure/deploy.sh",
          "deploy/azure/cleanup.sh",
          "deploy/aws/deploy.sh",
          "deploy/aws/cleanup.sh");

  @TempDir Path dir;

  private static int indexOf(List<String> calls, String fragment) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).contains(fragment)) {
        return i;
      }
    }
    throw new AssertionError("no call with '" + fragment + "' in\n" + String.join("\n", calls));
  }

  @Test
  void azure_deploy_creates_everything_in_order_with_roles_scoped_to_one_queue_or_table_once()
      throws Exception {
    ScriptRun scripts = new ScriptRun(dir);

    ScriptRun.Result r = scripts.run("deploy/azure/deploy.sh", true);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> calls = r.calls();
    assertThat(calls).noneMatch(c -> c.startsWith("DUPLICATE"));
    assertThat(indexOf(calls, "az group create"))
        .isLessThan(indexOf(calls, "az storage account create"));
    assertThat(indexOf(calls, "az storage account create"))
        .isLessThan(indexOf(calls, "queues/aws2azmsgs\\?api-version=2023-05-01 --body"));
    assertThat(indexOf(calls, "az acr create")).isLessThan(indexOf(calls, "az aks create"));
    assertThat(indexOf(calls, "az aks create"))
        .isLessThan(indexOf(calls, "az identity federated-credential create"));
    assertThat(indexOf(calls, "az role definition create"))
        .isLessThan(indexOf(calls, "az role assignment create"));
    String aks = calls.get(indexOf(calls, "az aks create"));
    assertThat(aks)
        .contains("--enable-keda", "--enable-workload-identity", "--enable-oidc-issuer")
        .contains("--node-provisioning-mode Auto");
    assertThat(calls.get(indexOf(calls, "az storage account create")))
        .contains("--allow-shared-key-access false");
    assertThat(calls)
        .filteredOn(c -> c.contains("federated-credential create"))
        .hasSize(2)
        .anyMatch(c -> c.contains("system:serviceaccount:aqs-demo:aqs-app-service-account"))
        .anyMatch(c -> c.contains("system:serviceaccount:kube-system:keda-operator"));

    String suffix = stateValue(scripts, "SUFFIX");
    String account =
        "/subscriptions/sub-0001/resourceGroups/edw-rg-"
            + suffix
            + "/providers/Microsoft.Storage/storageAccounts/edwstor"
            + suffix;
    String queue = account + "/queueServices/default/queues/aws2azmsgs";
    String poison = account + "/queueServices/default/queues/aws2azmsgs-poison";
    String table = account + "/tableServices/default/tables/aws2azpmts";
    List<String> assignments =
        calls.stream().filter(c -> c.startsWith("az role assignment create")).toList();
    assertThat(assignments).hasSize(5);
    assertThat(assignments)
        .allMatch(
            c ->
                c.endsWith("--scope " + queue + " --output none")
                    || c.endsWith("--scope " + poison + " --output none")
                    || c.endsWith("--scope " + table + " --output none"),
            "scoped to one queue or table");
    String consumer = "principal-edw-consumer-" + suffix;
    String keda = "principal-edw-keda-" + suffix;
    assertThat(assignments)
        .anyMatch(
            c ->
                c.contains(consumer)
                    && c.contains("Consumer\\ " + suffix)
                    && c.contains(queue + " "))
        .anyMatch(c -> c.contains(consumer) && c.contains("Message\\ Sender") && c.contains(poison))
        .anyMatch(c -> c.contains(consumer) && c.contains("Table\\ Writer") && c.contains(table))
        .anyMatch(
            c ->
                c.contains("user-oid-1")
                    && c.contains("Message\\ Sender")
                    && c.contains(queue + " "))
        .anyMatch(
            c ->
                c.contains(keda)
                    && c.contains("Storage\\ Queue\\ Data\\ Reader")
                    && c.contains(queue + " "));
    assertThat(String.join("\n", calls))
        .doesNotContain("Data\\ Contributor")
        .contains("queues/messages/write")
        .doesNotContain("queues/messages/process");
    assertThat(Files.readString(scripts.state))
        .contains("RESOURCE_GROUP=edw-rg-" + suffix, "AKS_CLUSTER_NAME=edw-aks-" + suffix)
        .contains("WORKLOAD_CLIENT_ID=client-edw-consumer-" + suffix)
        .contains("AZURE_QUEUE_NAME=aws2azmsgs", "AZURE_TABLE_NAME=aws2azpmts");

    String state = Files.readString(scripts.state);
    ScriptRun.Result again = scripts.run("deploy/azure/deploy.sh", true);
    assertThat(r.changes()).hasSizeGreaterThan(10);
    assertThat(again.exitCode()).isZero();
    assertThat(again.changes()).isEmpty();
    assertThat(Files.readString(scripts.state)).isEqualTo(state);

    ScriptRun.Result cleanup = scripts.run("deploy/azure/cleanup.sh", true);
    ScriptRun.Result cleanupAgain = scripts.run("deploy/azure/cleanup.sh", true);
    assertThat(cleanup.exitCode()).as(cleanup.stderr()).isZero();
    assertThat(cleanup.calls()).anyMatch(c -> c.startsWith("az group delete --name edw-rg-"));
    assertThat(cleanup.calls())
        .filteredOn(c -> c.startsWith("az role definition delete"))
        .hasSize(2);
    assertThat(scripts.state).doesNotExist();
    assertThat(cleanupAgain.exitCode()).isZero();
    assertThat(cleanupAgain.stderr()).contains("nothing to clean up");
    assertThat(cleanupAgain.calls()).isEmpty();
  }

  @Test
  void aws_deploy_grants_only_the_actions_and_arns_edw_uses_and_re_runs_create_nothing()
      throws Exception {
    ScriptRun scripts = new ScriptRun(dir);

    ScriptRun.Result r = scripts.run("deploy/aws/deploy.sh", true);
    ScriptRun.Result again = scripts.run("deploy/aws/deploy.sh", true);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> calls = r.calls();
    assertThat(indexOf(calls, "--queue-name aws2azmsgs --attributes"))
        .isLessThan(indexOf(calls, "--queue-name aws2azmsgs-poison --attributes"));
    assertThat(indexOf(calls, "eksctl create cluster"))
        .isLessThan(indexOf(calls, "helm upgrade --install keda"));
    assertThat(indexOf(calls, "iam create-policy"))
        .isLessThan(indexOf(calls, "iam attach-role-policy"));
    assertThat(indexOf(calls, "iam create-role"))
        .isLessThan(indexOf(calls, "create-pod-identity-association"));
    String all = String.join("\n", calls);
    assertThat(all).doesNotContain("sqs:*", "dynamodb:*", "\"Resource\":\"*\"");
    String consumerPolicy =
        calls.stream()
            .filter(c -> c.contains("create-policy --policy-name edw-consumer-"))
            .findFirst()
            .orElseThrow();
    assertThat(consumerPolicy)
        .contains(
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl",
            "sqs:GetQueueAttributes",
            "sqs:SendMessage",
            "dynamodb:PutItem",
            "dynamodb:BatchWriteItem")
        .contains("arn:aws:sqs:us-east-1:123456789012:aws2azmsgs\"}")
        .contains("arn:aws:sqs:us-east-1:123456789012:aws2azmsgs-poison")
        .contains("arn:aws:dynamodb:us-east-1:123456789012:table/aws2azpmts");
    String kedaPolicy =
        calls.stream()
            .filter(c -> c.contains("create-policy --policy-name edw-keda-"))
            .findFirst()
            .orElseThrow();
    assertThat(kedaPolicy)
        .contains("sqs:GetQueueAttributes")
        .doesNotContain("ReceiveMessage", "dynamodb");
    assertThat(calls)
        .filteredOn(c -> c.contains("create-pod-identity-association"))
        .hasSize(2)
        .anyMatch(c -> c.contains("--namespace aqs-demo --service-account aqs-app-service-account"))
        .anyMatch(c -> c.contains("--namespace keda --service-account keda-operator"));
    assertThat(Files.readString(scripts.state))
        .contains("AWS_ACCOUNT_ID=123456789012", "QUEUE_NAME=aws2azmsgs");
    assertThat(again.exitCode()).isZero();
    assertThat(again.changes()).isEmpty();
    assertThat(again.calls()).noneMatch(c -> c.startsWith("DUPLICATE"));

    ScriptRun.Result cleanup = scripts.run("deploy/aws/cleanup.sh", true);
    assertThat(cleanup.exitCode()).as(cleanup.stderr()).isZero();
    assertThat(cleanup.calls())
        .anyMatch(c -> c.startsWith("eksctl delete cluster"))
        .anyMatch(c -> c.startsWith("aws iam delete-role --role-name edw-consumer-"))
        .anyMatch(c -> c.startsWith("aws dynamodb delete-table"));
  }

  @Test
  void dry_run_prints_every_command_and_runs_none_even_without_the_cloud_clis() throws Exception {
    ScriptRun scripts = new ScriptRun(dir);

    for (String script : SCRIPTS) {
      if (script.endsWith("cleanup.sh")) {
        Files.writeString(
            scripts.state,
            "SUFFIX=abc123\nRESOURCE_GROUP=edw-rg-abc123\nAZURE_STORAGE_ACCOUNT_NAME=edwstorabc123\n"
                + "AZURE_QUEUE_NAME=q\nAZURE_TABLE_NAME=t\nAWS_REGION=us-east-1\n"
                + "AWS_ACCOUNT_ID=1\nEKS_CLUSTER_NAME=c\nQUEUE_NAME=q\nTABLE_NAME=t\n"
                + "ECR_REPOSITORY=edw\nCONSUMER_ROLE_NAME=r1\nKEDA_ROLE_NAME=r2\n");
      } else {
        Files.deleteIfExists(scripts.state);
      }
      ScriptRun.Result withStandin = scripts.run(script, true, "--dry-run");
      ScriptRun.Result without = scripts.run(script, false, "--dry-run");

      assertThat(withStandin.exitCode()).as(script + ": " + withStandin.stderr()).isZero();
      assertThat(withStandin.calls()).as(script + " ran a command in a dry run").isEmpty();
      assertThat(without.exitCode()).as(script + ": " + without.stderr()).isZero();
      assertThat(without.stderr()).contains("dry run: missing");
      assertThat(commands(without.stdout())).isEqualTo(commands(withStandin.stdout()));
      if (script.endsWith("deploy.sh")) {
        assertThat(scripts.state).as(script + " wrote state in a dry run").doesNotExist();
      }
    }
    Files.deleteIfExists(scripts.state);
    String azure = scripts.run("deploy/azure/deploy.sh", false, "--dry-run").stdout();
    assertThat(azure)
        .contains("+ az group create", "+ az aks create", "+ az role assignment create")
        .contains("+ az identity federated-credential create");
    String aws = scripts.run("deploy/aws/deploy.sh", false, "--dry-run").stdout();
    assertThat(aws)
        .contains("+ aws sqs create-queue", "+ eksctl create cluster", "+ aws iam create-policy");
  }

  @Test
  void missing_prerequisites_and_bad_arguments_are_named() throws Exception {
    ScriptRun scripts = new ScriptRun(dir);

    ScriptRun.Result azure = scripts.run("deploy/azure/deploy.sh", false);
    ScriptRun.Result aws = scripts.run("deploy/aws/deploy.sh", false);
    ScriptRun.Result bad = scripts.run("deploy/azure/deploy.sh", true, "--dryrun");

    assertThat(azure.exitCode()).isEqualTo(3);
    assertThat(azure.stderr()).contains("missing prerequisites: az");
    assertThat(aws.exitCode()).isEqualTo(3);
    assertThat(aws.stderr()).contains("missing prerequisites: aws eksctl helm");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("unknown argument: --dryrun").contains("usage:");
    assertThat(bad.calls()).isEmpty();
  }

  @Test
  void scripts_are_executable_strict_bash_and_shellcheck_clean() throws Exception {
    for (String script : SCRIPTS) {
      Path path = ScriptRun.REPO.resolve(script);
      assertThat(Files.isExecutable(path)).as(script + " has its run bit").isTrue();
      List<String> lines = Files.readAllLines(path);
      assertThat(lines.get(0)).isEqualTo("#!/usr/bin/env bash");
      assertThat(lines).contains("set -euo pipefail");
    }
    List<String> command =
        Stream.concat(
                Stream.of("shellcheck", "-x"),
                Stream.concat(SCRIPTS.stream(), Stream.of("deploy/lib.sh")))
            .toList();
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .directory(ScriptRun.REPO.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "shellcheck is missing: scripts/test installs it (apt-get install shellcheck)", e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /** The printed commands, with the random suffix of a fresh deploy's names masked. */
  private static List<String> commands(String stdout) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:edw-rg-|edw-eks-)([a-z0-9]{6})").matcher(stdout);
    String masked = m.find() ? stdout.replace(m.group(1), "*") : stdout;
    return masked
        .lines()
        .filter(l -> l.startsWith("+ "))
        .map(l -> l.replaceAll("--config-file \\S+", "--config-file *"))
        .toList();
  }

  private static String stateValue(ScriptRun scripts, String key) throws Exception {
    return Files.readAllLines(scripts.state).stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow();
  }
}
