# The edw image for people who build with Docker (Jib builds the same without a daemon:
# mvn -Pimage -pl edw-cli -am package -DskipTests). Its first argument picks the
# command: produce, consume or job. Non-root; runs with a read-only root filesystem (/tmp is
# the only writable path the manifests mount).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl edw-cli -am

FROM eclipse-temurin:21-jre
# sized for the seed's pod: 128Mi memory, 500m CPU (edw.image.jvmFlags in edw-cli/pom.xml; the
# ENTRYPOINT below lists the same, and ImageTarballTest holds both to it)
ARG JVM_FLAGS="-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=80m -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Xshare:auto --enable-native-access=ALL-UNNAMED"
RUN groupadd --system --gid 10001 edw && useradd --system --uid 10001 --gid edw --no-create-home edw
COPY --from=build /src/edw-cli/target/edw.jar /app/edw.jar
# A class-data-sharing archive (dynamic AppCDS) of the classes a worker loads from start to its
# first message: written by this stage's own JVM (the runtime JRE, so the archive matches it and
# /app/edw.jar exactly), with the runtime flags and the pod's memory emulated, at the exit of one
# training consume on a throwaway embedded store.
RUN export EDW_STORE=sqlite:/tmp/cds.db \
 && java $JVM_FLAGS -jar /app/edw.jar produce --count 1 --queue cds >/dev/null \
 && java $JVM_FLAGS -XX:MaxRAM=128m -XX:ArchiveClassesAtExit=/app/edw.jsa -jar /app/edw.jar \
      consume --queue cds --table cds --max-messages 1 --metrics-port -1 >/dev/null \
 && rm -f /tmp/cds.db*
USER 10001:10001
WORKDIR /tmp
EXPOSE 9400
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=60", "-XX:ReservedCodeCacheSize=32m", \
  "-XX:MaxMetaspaceSize=80m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", \
  "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-XX:SharedArchiveFile=/app/edw.jsa", \
  "-jar", "/app/edw.jar"]
CMD ["--help"]
