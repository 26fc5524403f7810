#!/usr/bin/env bash
# Builds the edw image as a tarball where no registry is reachable: the local base of
# scripts/image-base.sh (a jlink'd runtime of the JDK at hand, the non-root user 10001, an empty
# /tmp), then Jib (mvn -Pimage package) on top of it. The tests build and inspect the same image
# in every verify (ImageTarballTest); this is for loading it somewhere with `docker load`.
# Usage: scripts/build-image-local.sh   ->  edw-cli/target/edw-image.tar
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/find-java.sh
base="$root/edw-cli/target/image-base"
scripts/image-base.sh "$base"
mvn -B -q -Pimage -pl edw-cli -am package -DskipTests -Dedw.image.base="tar://$base/base.tar"
ls -l "$root/edw-cli/target/edw-image.tar"
