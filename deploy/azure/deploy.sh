#!/usr/bin/env bash
# Creates edw's Azure infrastructure, least privilege, safe to re-run:
#   resource group; storage account (no shared keys) with the queue, its poison queue and the
#   table; ACR; AKS with KEDA, workload identity, the OIDC issuer and node autoprovisioning; a
#   managed identity for the consumer and one for KEDA, each federated with its service account;
#   role assignments scoped to the one queue or table each needs. Names go to deploy/deploy.state.
# Usage: deploy/azure/deploy.sh [--dry-run]
# Settings (environment): AZURE_LOCATION (westus3), EDW_NAMESPACE (aqs-demo),
#   EDW_SERVICE_ACCOUNT (aqs-app-service-account), AZURE_QUEUE_NAME (aws2azmsgs),
#   AZURE_TABLE_NAME (aws2azpmts), EDW_PRODUCER_OBJECT_ID (default: the signed-in user).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$here/../lib.sh"
parse_args "usage: deploy/azure/deploy.sh [--dry-run]" "$@"
need az

load_state
SUFFIX="$(state SUFFIX "$(new_suffix)")"
LOCATION="$(state LOCATION "${AZURE_LOCATION:-westus3}")"
RESOURCE_GROUP="$(state RESOURCE_GROUP "edw-rg-$SUFFIX")"
AZURE_STORAGE_ACCOUNT_NAME="$(state AZURE_STORAGE_ACCOUNT_NAME "edwstor$SUFFIX")"
AZURE_QUEUE_NAME="$(state AZURE_QUEUE_NAME "${AZURE_QUEUE_NAME:-aws2azmsgs}")"
AZURE_POISON_QUEUE_NAME="$AZURE_QUEUE_NAME-poison"
AZURE_TABLE_NAME="$(state AZURE_TABLE_NAME "${AZURE_TABLE_NAME:-aws2azpmts}")"
AZURE_CONTAINER_REGISTRY_NAME="$(state AZURE_CONTAINER_REGISTRY_NAME "edwacr$SUFFIX")"
AKS_CLUSTER_NAME="$(state AKS_CLUSTER_NAME "edw-aks-$SUFFIX")"
WORKLOAD_MANAGED_IDENTITY_NAME="$(state WORKLOAD_MANAGED_IDENTITY_NAME "edw-consumer-$SUFFIX")"
KEDA_MANAGED_IDENTITY_NAME="$(state KEDA_MANAGED_IDENTITY_NAME "edw-keda-$SUFFIX")"
NAMESPACE="$(state NAMESPACE "${EDW_NAMESPACE:-aqs-demo}")"
SERVICE_ACCOUNT="$(state SERVICE_ACCOUNT "${EDW_SERVICE_ACCOUNT:-aqs-app-service-account}")"
FEDERATED_IDENTITY_CREDENTIAL_NAME="$(state FEDERATED_IDENTITY_CREDENTIAL_NAME "edw-consumer-fic")"
KEDA_SERVICE_ACCT_CRED_NAME="$(state KEDA_SERVICE_ACCT_CRED_NAME "edw-keda-fic")"
QUEUE_CONSUMER_ROLE="edw Queue Consumer $SUFFIX"
TABLE_WRITER_ROLE="edw Table Writer $SUFFIX"
API="api-version=2023-05-01"

say "subscription"
capture SUBSCRIPTION_ID az account show --query id --output tsv
RG_SCOPE="/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP"
ACCOUNT_SCOPE="$RG_SCOPE/providers/Microsoft.Storage/storageAccounts/$AZURE_STORAGE_ACCOUNT_NAME"
QUEUE_SCOPE="$ACCOUNT_SCOPE/queueServices/default/queues/$AZURE_QUEUE_NAME"
POISON_SCOPE="$ACCOUNT_SCOPE/queueServices/default/queues/$AZURE_POISON_QUEUE_NAME"
TABLE_SCOPE="$ACCOUNT_SCOPE/tableServices/default/tables/$AZURE_TABLE_NAME"

say "resource group $RESOURCE_GROUP"
exists az group show --name "$RESOURCE_GROUP" ||
  run az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none

say "storage account $AZURE_STORAGE_ACCOUNT_NAME"
exists az storage account show --name "$AZURE_STORAGE_ACCOUNT_NAME" --resource-group "$RESOURCE_GROUP" ||
  run az storage account create --name "$AZURE_STORAGE_ACCOUNT_NAME" \
    --resource-group "$RESOURCE_GROUP" --location "$LOCATION" --sku Standard_LRS --kind StorageV2 \
    --allow-shared-key-access false --allow-blob-public-access false --min-tls-version TLS1_2 \
    --output none

# Queues and the table through the management plane: the deploying user needs no data role.
for scope in "$QUEUE_SCOPE" "$POISON_SCOPE" "$TABLE_SCOPE"; do
  say "${scope##*/}"
  exists az rest --method get --url "$scope?$API" ||
    run az rest --method put --url "$scope?$API" --body '{}' --output none
done

say "container registry $AZURE_CONTAINER_REGISTRY_NAME"
exists az acr show --name "$AZURE_CONTAINER_REGISTRY_NAME" --resource-group "$RESOURCE_GROUP" ||
  run az acr create --name "$AZURE_CONTAINER_REGISTRY_NAME" --resource-group "$RESOURCE_GROUP" \
    --location "$LOCATION" --sku Basic --admin-enabled false --output none

say "AKS cluster $AKS_CLUSTER_NAME (KEDA, workload identity, OIDC issuer, node autoprovisioning)"
exists az aks show --name "$AKS_CLUSTER_NAME" --resource-group "$RESOURCE_GROUP" ||
  run az aks create --name "$AKS_CLUSTER_NAME" --resource-group "$RESOURCE_GROUP" \
    --location "$LOCATION" --node-provisioning-mode Auto --network-plugin azure \
    --network-plugin-mode overlay --network-dataplane cilium --enable-keda \
    --enable-workload-identity --enable-oidc-issuer \
    --attach-acr "$AZURE_CONTAINER_REGISTRY_NAME" --generate-ssh-keys --output none
capture OIDC_ISSUER az aks show --name "$AKS_CLUSTER_NAME" --resource-group "$RESOURCE_GROUP" \
  --query oidcIssuerProfile.issuerUrl --output tsv

# identity NAME SUBJECT CREDENTIAL: a managed identity federated with one service account.
identity() {
  local name="$1" subject="$2" credential="$3"
  say "managed identity $name for $subject"
  exists az identity show --name "$name" --resource-group "$RESOURCE_GROUP" ||
    run az identity create --name "$name" --resource-group "$RESOURCE_GROUP" \
      --location "$LOCATION" --output none
  exists az identity federated-credential show --name "$credential" --identity-name "$name" \
    --resource-group "$RESOURCE_GROUP" ||
    run az identity federated-credential create --name "$credential" --identity-name "$name" \
      --resource-group "$RESOURCE_GROUP" --issuer "$OIDC_ISSUER" --subject "$subject" \
      --audiences api://AzureADTokenExchange --output none
}
identity "$WORKLOAD_MANAGED_IDENTITY_NAME" "system:serviceaccount:$NAMESPACE:$SERVICE_ACCOUNT" \
  "$FEDERATED_IDENTITY_CREDENTIAL_NAME"
identity "$KEDA_MANAGED_IDENTITY_NAME" "system:serviceaccount:kube-system:keda-operator" \
  "$KEDA_SERVICE_ACCT_CRED_NAME"
capture WORKLOAD_CLIENT_ID az identity show --name "$WORKLOAD_MANAGED_IDENTITY_NAME" \
  --resource-group "$RESOURCE_GROUP" --query clientId --output tsv
capture WORKLOAD_PRINCIPAL_ID az identity show --name "$WORKLOAD_MANAGED_IDENTITY_NAME" \
  --resource-group "$RESOURCE_GROUP" --query principalId --output tsv
capture KEDA_CLIENT_ID az identity show --name "$KEDA_MANAGED_IDENTITY_NAME" \
  --resource-group "$RESOURCE_GROUP" --query clientId --output tsv
capture KEDA_PRINCIPAL_ID az identity show --name "$KEDA_MANAGED_IDENTITY_NAME" \
  --resource-group "$RESOURCE_GROUP" --query principalId --output tsv

# Custom roles: nothing built-in lets a consumer update (extend the lease of) a message without
# also peeking or clearing, and nothing built-in is narrower than Table Data Contributor.
# role_definition NAME DESCRIPTION DATA_ACTION...
role_definition() {
  local name="$1" description="$2"
  shift 2
  local actions
  actions="$(printf '"%s",' "$@")"
  say "custom role $name"
  ! none az role definition list --name "$name" --query "length(@)" --output tsv ||
    run az role definition create --role-definition "{\"Name\": \"$name\", \"IsCustom\": true,
      \"Description\": \"$description\", \"Actions\": [], \"NotActions\": [],
      \"DataActions\": [${actions%,}], \"NotDataActions\": [],
      \"AssignableScopes\": [\"$RG_SCOPE\"]}" --output none
}

Q=Microsoft.Storage/storageAccounts/queueServices/queues/messages
T=Microsoft.Storage/storageAccounts/tableServices/tables/entities
role_definition "$QUEUE_CONSUMER_ROLE" "Receive, update (lease) and delete messages of one queue" \
  "$Q/read" "$Q/write" "$Q/delete"
role_definition "$TABLE_WRITER_ROLE" "Insert and upsert entities of one table" \
  "$T/read" "$T/write" "$T/add/action" "$T/update/action"

# assign PRINCIPAL TYPE ROLE SCOPE: one role on one queue or table, once.
assign() {
  local principal="$1" type="$2" role="$3" scope="$4"
  say "role '$role' for $principal on ${scope##*/}"
  ! none az role assignment list --assignee "$principal" --role "$role" --scope "$scope" \
    --query "length(@)" --output tsv ||
    run az role assignment create --assignee-object-id "$principal" \
      --assignee-principal-type "$type" --role "$role" --scope "$scope" --output none
}

if [ -n "${EDW_PRODUCER_OBJECT_ID:-}" ]; then
  PRODUCER_OBJECT_ID="$EDW_PRODUCER_OBJECT_ID"
  PRODUCER_TYPE=ServicePrincipal
else
  capture PRODUCER_OBJECT_ID az ad signed-in-user show --query id --output tsv
  PRODUCER_TYPE=User
fi

assign "$WORKLOAD_PRINCIPAL_ID" ServicePrincipal "$QUEUE_CONSUMER_ROLE" "$QUEUE_SCOPE"
assign "$WORKLOAD_PRINCIPAL_ID" ServicePrincipal "Storage Queue Data Message Sender" "$POISON_SCOPE"
assign "$WORKLOAD_PRINCIPAL_ID" ServicePrincipal "$TABLE_WRITER_ROLE" "$TABLE_SCOPE"
assign "$PRODUCER_OBJECT_ID" "$PRODUCER_TYPE" "Storage Queue Data Message Sender" "$QUEUE_SCOPE"
assign "$KEDA_PRINCIPAL_ID" ServicePrincipal "Storage Queue Data Reader" "$QUEUE_SCOPE"

save_state SUFFIX LOCATION RESOURCE_GROUP AZURE_STORAGE_ACCOUNT_NAME AZURE_QUEUE_NAME \
  AZURE_TABLE_NAME AZURE_CONTAINER_REGISTRY_NAME AKS_CLUSTER_NAME WORKLOAD_MANAGED_IDENTITY_NAME \
  KEDA_MANAGED_IDENTITY_NAME NAMESPACE SERVICE_ACCOUNT FEDERATED_IDENTITY_CREDENTIAL_NAME \
  KEDA_SERVICE_ACCT_CRED_NAME WORKLOAD_CLIENT_ID KEDA_CLIENT_ID

cat >&2 <<NEXT
==> next: render and apply the workload (see README, "Deploy to AKS"):
    az aks get-credentials --resource-group $RESOURCE_GROUP --name $AKS_CLUSTER_NAME
    ./edw deploy render --target aks --config edw-aks.yaml | kubectl apply -f -
    with edw-aks.yaml holding
      queue: azure-queue://$AZURE_STORAGE_ACCOUNT_NAME/$AZURE_QUEUE_NAME
      table: azure-table://$AZURE_STORAGE_ACCOUNT_NAME/$AZURE_TABLE_NAME
      image: $AZURE_CONTAINER_REGISTRY_NAME.azurecr.io/edw:0.1.0
      identity: {azureClientId: $WORKLOAD_CLIENT_ID, kedaClientId: $KEDA_CLIENT_ID}
NEXT
