#!/usr/bin/env bash
# Builds the edw image as a tarball where no registry is reachable: a local base (a jlink'd Java
# runtime, /etc/passwd with the non-root user 10001, an empty /tmp) in docker-archive form, then
# Jib (mvn -Pimage package) on top of it; then prints what is inside: user, entrypoint,
# environment, layers and size.
# Usage: scripts/build-image-local.sh   ->  edw-cli/target/edw-image.tar
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/find-java.sh
out="$root/edw-cli/target/image-base"
rm -rf "$out" && mkdir -p "$out/rootfs/etc" "$out/rootfs/tmp" "$out/rootfs/opt"
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.zipfs
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$out/rootfs/opt/java"
"$out/rootfs/opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || true
printf 'root:x:0:0:root:/root:/sbin/nologin\nedw:x:10001:10001:edw:/tmp:/sbin/nologin\n' >"$out/rootfs/etc/passwd"
printf 'root:x:0:\nedw:x:10001:\n' >"$out/rootfs/etc/group"
chmod 1777 "$out/rootfs/tmp"
tar -C "$out/rootfs" --owner=0 --group=0 --numeric-owner -cf "$out/layer.tar" .
diff_id="sha256:$(sha256sum "$out/layer.tar" | cut -d' ' -f1)"
cat >"$out/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
printf '[{"Config":"config.json","RepoTags":["edw-base:local"],"Layers":["layer.tar"]}]\n' >"$out/manifest.json"
tar -C "$out" -cf "$out/base.tar" manifest.json config.json layer.tar
mvn -B -q -Pimage -pl edw-cli -am package -DskipTests \
  -Dedw.image.base="tar://$out/base.tar"

image="$root/edw-cli/target/edw-image.tar"
inspect="$(mktemp -d)"
trap 'rm -rf "$inspect"' EXIT
tar -C "$inspect" -xf "$image"
config="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$inspect/manifest.json")"
python3 - "$inspect/$config" "$inspect/manifest.json" "$image" <<'PY'
import json, os, sys
cfg = json.load(open(sys.argv[1]))["config"]
layers = json.load(open(sys.argv[2]))[0]["Layers"]
print("user:", cfg.get("User"))
print("entrypoint:", " ".join(cfg.get("Entrypoint", [])))
print("cmd:", cfg.get("Cmd"))
print("env:", cfg.get("Env"))
print("workdir:", cfg.get("WorkingDir"), "ports:", list(cfg.get("ExposedPorts", {})))
print("layers:", len(layers))
print("size: %.1f MiB" % (os.path.getsize(sys.argv[3]) / 1048576))
PY
