#!/usr/bin/env bash
# Creates edw's AWS infrastructure, least privilege, safe to re-run:
#   the SQS queue and its poison queue; the DynamoDB table; an ECR repository; an EKS cluster
#   (eksctl) with the OIDC issuer, the Pod Identity agent and Karpenter; KEDA (helm); IAM policies
#   limited to the actions and ARNs edw uses, on one role for the consumer and one for KEDA, bound
#   to their service accounts by EKS Pod Identity associations. Names go to deploy/deploy.state.
# Usage: deploy/aws/deploy.sh [--dry-run]
# Settings (environment): AWS_REGION (us-east-1), EDW_NAMESPACE (aqs-demo),
#   EDW_SERVICE_ACCOUNT (aqs-app-service-account), EDW_QUEUE_NAME (aws2azmsgs),
#   EDW_TABLE_NAME (aws2azpmts), EKS_VERSION (1.31), KEDA_CHART_VERSION (2.16.1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
parse_args "usage: deploy/aws/deploy.sh [--dry-run]" "$@"
need aws eksctl helm

load_state
SUFFIX="$(state SUFFIX "$(new_suffix)")"
AWS_REGION="$(state AWS_REGION "${AWS_REGION:-us-east-1}")"
QUEUE_NAME="$(state QUEUE_NAME "${EDW_QUEUE_NAME:-aws2azmsgs}")"
POISON_QUEUE_NAME="$QUEUE_NAME-poison"
TABLE_NAME="$(state TABLE_NAME "${EDW_TABLE_NAME:-aws2azpmts}")"
ECR_REPOSITORY="$(state ECR_REPOSITORY "edw")"
EKS_CLUSTER_NAME="$(state EKS_CLUSTER_NAME "edw-eks-$SUFFIX")"
NAMESPACE="$(state NAMESPACE "${EDW_NAMESPACE:-aqs-demo}")"
SERVICE_ACCOUNT="$(state SERVICE_ACCOUNT "${EDW_SERVICE_ACCOUNT:-aqs-app-service-account}")"
CONSUMER_ROLE_NAME="$(state CONSUMER_ROLE_NAME "edw-consumer-$SUFFIX")"
KEDA_ROLE_NAME="$(state KEDA_ROLE_NAME "edw-keda-$SUFFIX")"
KEDA_NAMESPACE=keda
KEDA_SERVICE_ACCOUNT=keda-operator

say "account"
capture AWS_ACCOUNT_ID aws sts get-caller-identity --query Account --output text
QUEUE_ARN="arn:aws:sqs:$AWS_REGION:$AWS_ACCOUNT_ID:$QUEUE_NAME"
POISON_ARN="arn:aws:sqs:$AWS_REGION:$AWS_ACCOUNT_ID:$POISON_QUEUE_NAME"
TABLE_ARN="arn:aws:dynamodb:$AWS_REGION:$AWS_ACCOUNT_ID:table/$TABLE_NAME"

for queue in "$QUEUE_NAME" "$POISON_QUEUE_NAME"; do
  say "SQS queue $queue"
  exists aws sqs get-queue-url --region "$AWS_REGION" --queue-name "$queue" ||
    run aws sqs create-queue --region "$AWS_REGION" --queue-name "$queue" \
      --attributes VisibilityTimeout=30,MessageRetentionPeriod=1209600 --output text
done

say "DynamoDB table $TABLE_NAME"
exists aws dynamodb describe-table --region "$AWS_REGION" --table-name "$TABLE_NAME" ||
  run aws dynamodb create-table --region "$AWS_REGION" --table-name "$TABLE_NAME" \
    --attribute-definitions AttributeName=id,AttributeType=S AttributeName=rk,AttributeType=S \
    --key-schema AttributeName=id,KeyType=HASH AttributeName=rk,KeyType=RANGE \
    --billing-mode PAY_PER_REQUEST --output text

say "ECR repository $ECR_REPOSITORY"
exists aws ecr describe-repositories --region "$AWS_REGION" --repository-names "$ECR_REPOSITORY" ||
  run aws ecr create-repository --region "$AWS_REGION" --repository-name "$ECR_REPOSITORY" \
    --image-scanning-configuration scanOnPush=true --image-tag-mutability IMMUTABLE --output text

say "EKS cluster $EKS_CLUSTER_NAME (OIDC issuer, Pod Identity agent, Karpenter)"
cluster_config="$(mktemp)"
trap 'rm -f "$cluster_config"' EXIT
cat >"$cluster_config" <<CONFIG
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: $EKS_CLUSTER_NAME
  region: $AWS_REGION
  version: "${EKS_VERSION:-1.31}"
  tags:
    karpenter.sh/discovery: $EKS_CLUSTER_NAME
iam:
  withOIDC: true
addons:
  - name: eks-pod-identity-agent
karpenter:
  version: "1.1.1"
  createServiceAccount: true
managedNodeGroups:
  - name: system
    instanceType: m5.large
    desiredCapacity: 2
    minSize: 2
    maxSize: 3
CONFIG
if [ "$DRY_RUN" = 1 ]; then
  sed 's/^/    /' "$cluster_config"
fi
exists eksctl get cluster --region "$AWS_REGION" --name "$EKS_CLUSTER_NAME" ||
  run eksctl create cluster --config-file "$cluster_config"

say "KEDA in namespace $KEDA_NAMESPACE"
run aws eks update-kubeconfig --region "$AWS_REGION" --name "$EKS_CLUSTER_NAME"
exists helm status keda --namespace "$KEDA_NAMESPACE" || {
  run helm repo add kedacore https://kedacore.github.io/charts --force-update
  run helm upgrade --install keda kedacore/keda --namespace "$KEDA_NAMESPACE" --create-namespace \
    --version "${KEDA_CHART_VERSION:-2.16.1}"
}

# policy NAME DOCUMENT: a customer-managed policy, created once.
policy() {
  local name="$1" document="$2"
  say "IAM policy $name"
  exists aws iam get-policy --policy-arn "arn:aws:iam::$AWS_ACCOUNT_ID:policy/$name" ||
    run aws iam create-policy --policy-name "$name" --policy-document "$document" --output text
}

# role NAME POLICY NAMESPACE SERVICE_ACCOUNT: a role only EKS Pod Identity can assume, with one
# policy, associated with one service account.
role() {
  local name="$1" policy_name="$2" namespace="$3" account="$4"
  local policy_arn="arn:aws:iam::$AWS_ACCOUNT_ID:policy/$policy_name"
  say "IAM role $name for $namespace/$account"
  exists aws iam get-role --role-name "$name" ||
    run aws iam create-role --role-name "$name" --assume-role-policy-document \
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}' \
      --output text
  ! none aws iam list-attached-role-policies --role-name "$name" \
    --query "length(AttachedPolicies[?PolicyArn=='$policy_arn'])" --output text ||
    run aws iam attach-role-policy --role-name "$name" --policy-arn "$policy_arn"
  ! none aws eks list-pod-identity-associations --region "$AWS_REGION" \
    --cluster-name "$EKS_CLUSTER_NAME" --namespace "$namespace" --service-account "$account" \
    --query "length(associations)" --output text ||
    run aws eks create-pod-identity-association --region "$AWS_REGION" \
      --cluster-name "$EKS_CLUSTER_NAME" --namespace "$namespace" --service-account "$account" \
      --role-arn "arn:aws:iam::$AWS_ACCOUNT_ID:role/$name" --output text
}

policy "$CONSUMER_ROLE_NAME" "{\"Version\":\"2012-10-17\",\"Statement\":[
  {\"Sid\":\"WorkQueue\",\"Effect\":\"Allow\",\"Action\":[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\",\"sqs:ChangeMessageVisibility\",\"sqs:GetQueueUrl\",\"sqs:GetQueueAttributes\"],\"Resource\":\"$QUEUE_ARN\"},
  {\"Sid\":\"PoisonQueue\",\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\",\"sqs:GetQueueUrl\"],\"Resource\":\"$POISON_ARN\"},
  {\"Sid\":\"ResultTable\",\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\",\"dynamodb:BatchWriteItem\",\"dynamodb:DescribeTable\"],\"Resource\":\"$TABLE_ARN\"}]}"
policy "$KEDA_ROLE_NAME" "{\"Version\":\"2012-10-17\",\"Statement\":[
  {\"Sid\":\"QueueDepth\",\"Effect\":\"Allow\",\"Action\":[\"sqs:GetQueueAttributes\"],\"Resource\":\"$QUEUE_ARN\"}]}"
role "$CONSUMER_ROLE_NAME" "$CONSUMER_ROLE_NAME" "$NAMESPACE" "$SERVICE_ACCOUNT"
role "$KEDA_ROLE_NAME" "$KEDA_ROLE_NAME" "$KEDA_NAMESPACE" "$KEDA_SERVICE_ACCOUNT"

save_state SUFFIX AWS_REGION AWS_ACCOUNT_ID QUEUE_NAME TABLE_NAME ECR_REPOSITORY EKS_CLUSTER_NAME \
  NAMESPACE SERVICE_ACCOUNT CONSUMER_ROLE_NAME KEDA_ROLE_NAME

cat >&2 <<NEXT
==> next: render and apply the workload (see README, "Deploy to EKS"):
    aws eks update-kubeconfig --region $AWS_REGION --name $EKS_CLUSTER_NAME
    ./edw deploy render --target eks --config edw-eks.yaml | kubectl apply -f -
    with edw-eks.yaml holding
      queue: sqs://$AWS_REGION/$QUEUE_NAME
      table: dynamodb://$AWS_REGION/$TABLE_NAME
      image: $AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/$ECR_REPOSITORY:0.1.0
      identity: {awsAccountId: "$AWS_ACCOUNT_ID"}
      nodes: {clusterName: $EKS_CLUSTER_NAME, nodeRole: eksctl-KarpenterNodeRole-$EKS_CLUSTER_NAME}
NEXT
