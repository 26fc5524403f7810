#!/usr/bin/env bash
# Removes what deploy/azure/deploy.sh created, as named in deploy/deploy.state: the role
# assignments, the resource group (with everything in it), then the custom roles. Safe to re-run.
# Usage: deploy/azure/cleanup.sh [--dry-run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
parse_args "usage: deploy/azure/cleanup.sh [--dry-run]" "$@"
need az

if [ ! -f "$STATE_FILE" ]; then
  echo "nothing to clean up: $STATE_FILE does not exist (deploy/azure/deploy.sh writes it)" >&2
  exit 0
fi
load_state
SUFFIX="$(state SUFFIX "")"
RESOURCE_GROUP="$(state RESOURCE_GROUP "")"
AZURE_STORAGE_ACCOUNT_NAME="$(state AZURE_STORAGE_ACCOUNT_NAME "")"
AZURE_QUEUE_NAME="$(state AZURE_QUEUE_NAME "")"
AZURE_TABLE_NAME="$(state AZURE_TABLE_NAME "")"
if [ -z "$SUFFIX" ] || [ -z "$RESOURCE_GROUP" ] || [ -z "$AZURE_STORAGE_ACCOUNT_NAME" ]; then
  echo "$STATE_FILE lacks SUFFIX, RESOURCE_GROUP or AZURE_STORAGE_ACCOUNT_NAME" >&2
  exit 2
fi

capture SUBSCRIPTION_ID az account show --query id --output tsv
RG_SCOPE="/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP"
ACCOUNT_SCOPE="$RG_SCOPE/providers/Microsoft.Storage/storageAccounts/$AZURE_STORAGE_ACCOUNT_NAME"

if exists az group show --name "$RESOURCE_GROUP"; then
  for scope in "$ACCOUNT_SCOPE/queueServices/default/queues/$AZURE_QUEUE_NAME" \
    "$ACCOUNT_SCOPE/queueServices/default/queues/$AZURE_QUEUE_NAME-poison" \
    "$ACCOUNT_SCOPE/tableServices/default/tables/$AZURE_TABLE_NAME"; do
    say "role assignments on ${scope##*/}"
    run az role assignment delete --scope "$scope"
  done
  say "resource group $RESOURCE_GROUP"
  run az group delete --name "$RESOURCE_GROUP" --yes
fi
for role in "edw Queue Consumer $SUFFIX" "edw Table Writer $SUFFIX"; do
  say "custom role $role"
  none az role definition list --name "$role" --query "length(@)" --output tsv ||
    run az role definition delete --name "$role" --scope "$RG_SCOPE"
done
if [ "$DRY_RUN" = 0 ]; then
  rm -f "$STATE_FILE"
  say "removed $STATE_FILE"
else
  say "dry run: would remove $STATE_FILE"
fi
