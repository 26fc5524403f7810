#!/usr/bin/env bash
# Makes a local base image for Jib where no registry is reachable, with no network and no
# container runtime: a jlink'd Java runtime of the JDK at hand (JAVA_HOME, or the java on PATH)
# with its default class-data-sharing archive, /etc/passwd and /etc/group with the non-root user
# 10001, and an empty /tmp, in docker-archive form (one uncompressed layer), for
# Jib's tar:// base.
# A base made before from the same JDK by the same script is kept (OUTDIR/stamp).
# Usage: scripts/image-base.sh OUTDIR   ->  OUTDIR/base.tar (OUTDIR/rootfs is the layer unpacked)
set -euo pipefail
out="${1:?usage: image-base.sh OUTDIR}"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in "$jdk/bin/jlink" tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "image-base: $tool is missing" >&2; exit 2; }
done
stamp="$(cat "$jdk/release" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1)"
if [ -f "$out/base.tar" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
rm -rf "$out" && mkdir -p "$out/rootfs/etc" "$out/rootfs/tmp" "$out/rootfs/opt"
# the modules edw's jar needs (jdeps over the shaded jar, plus jdk.crypto.ec for TLS and
# jdk.zipfs for the jar's own file system)
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported,jdk.zipfs
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$out/rootfs/opt/java"
# the runtime's default CDS archive (lib/server/classes.jsa) for its own classes; jlink does not
# carry the JDK's over
"$out/rootfs/opt/java/bin/java" -Xshare:dump >/dev/null
printf 'root:x:0:0:root:/root:/sbin/nologin\nedw:x:10001:10001:edw:/tmp:/sbin/nologin\n' >"$out/rootfs/etc/passwd"
printf 'root:x:0:\nedw:x:10001:\n' >"$out/rootfs/etc/group"
chmod 1777 "$out/rootfs/tmp"
tar -C "$out/rootfs" --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -cf "$out/layer.tar" .
diff_id="sha256:$(sha256sum "$out/layer.tar" | cut -d' ' -f1)"
cat >"$out/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
printf '[{"Config":"config.json","RepoTags":["edw-base:local"],"Layers":["layer.tar"]}]\n' >"$out/manifest.json"
tar -C "$out" -cf "$out/base.tar" manifest.json config.json layer.tar
rm "$out/layer.tar"
echo "$stamp" >"$out/stamp"
