#!/usr/bin/env bash
# Removes what deploy/aws/deploy.sh created, as named in deploy/deploy.state: Pod Identity
# associations, roles and policies, the EKS cluster, the ECR repository, the table and the queues.
# Safe to re-run.
# Usage: deploy/aws/cleanup.sh [--dry-run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
parse_args "usage: deploy/aws/cleanup.sh [--dry-run]" "$@"
need aws eksctl

if [ ! -f "$STATE_FILE" ]; then
  echo "nothing to clean up: $STATE_FILE does not exist (deploy/aws/deploy.sh writes it)" >&2
  exit 0
fi
load_state
AWS_REGION="$(state AWS_REGION "")"
AWS_ACCOUNT_ID="$(state AWS_ACCOUNT_ID "")"
EKS_CLUSTER_NAME="$(state EKS_CLUSTER_NAME "")"
QUEUE_NAME="$(state QUEUE_NAME "")"
TABLE_NAME="$(state TABLE_NAME "")"
ECR_REPOSITORY="$(state ECR_REPOSITORY "")"
CONSUMER_ROLE_NAME="$(state CONSUMER_ROLE_NAME "")"
KEDA_ROLE_NAME="$(state KEDA_ROLE_NAME "")"
if [ -z "$AWS_REGION" ] || [ -z "$EKS_CLUSTER_NAME" ] || [ -z "$QUEUE_NAME" ]; then
  echo "$STATE_FILE lacks AWS_REGION, EKS_CLUSTER_NAME or QUEUE_NAME: not an AWS deploy state" >&2
  exit 2
fi

for name in "$CONSUMER_ROLE_NAME" "$KEDA_ROLE_NAME"; do
  policy_arn="arn:aws:iam::$AWS_ACCOUNT_ID:policy/$name"
  say "IAM role and policy $name"
  if exists aws iam get-role --role-name "$name"; then
    run aws iam detach-role-policy --role-name "$name" --policy-arn "$policy_arn" || true
    run aws iam delete-role --role-name "$name"
  fi
  if exists aws iam get-policy --policy-arn "$policy_arn"; then
    run aws iam delete-policy --policy-arn "$policy_arn"
  fi
done

say "EKS cluster $EKS_CLUSTER_NAME (with its Pod Identity associations)"
if exists eksctl get cluster --region "$AWS_REGION" --name "$EKS_CLUSTER_NAME"; then
  run eksctl delete cluster --region "$AWS_REGION" --name "$EKS_CLUSTER_NAME" --wait
fi

say "ECR repository $ECR_REPOSITORY"
if exists aws ecr describe-repositories --region "$AWS_REGION" --repository-names "$ECR_REPOSITORY"; then
  run aws ecr delete-repository --region "$AWS_REGION" --repository-name "$ECR_REPOSITORY" --force
fi

say "DynamoDB table $TABLE_NAME"
if exists aws dynamodb describe-table --region "$AWS_REGION" --table-name "$TABLE_NAME"; then
  run aws dynamodb delete-table --region "$AWS_REGION" --table-name "$TABLE_NAME" --output text
fi

for queue in "$QUEUE_NAME" "$QUEUE_NAME-poison"; do
  say "SQS queue $queue"
  if exists aws sqs get-queue-url --region "$AWS_REGION" --queue-name "$queue"; then
    run aws sqs delete-queue --region "$AWS_REGION" \
      --queue-url "https://sqs.$AWS_REGION.amazonaws.com/$AWS_ACCOUNT_ID/$queue"
  fi
done

if [ "$DRY_RUN" = 0 ]; then
  rm -f "$STATE_FILE"
  say "removed $STATE_FILE"
else
  say "dry run: would remove $STATE_FILE"
fi
