# The edw image for people who build with Docker (Jib builds the same without a daemon:
# mvn -Pimage -pl edw-cli -am package -DskipTests jib:buildTar). Its first argument picks the
# command: produce, consume or job. Non-root; runs with a read-only root filesystem (/tmp is
# the only writable path the manifests mount).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl edw-cli -am

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 edw && useradd --system --uid 10001 --gid edw --no-create-home edw
COPY --from=build /src/edw-cli/target/edw.jar /app/edw.jar
# a class-data-sharing archive of edw's own classes, for a faster start
RUN java -XX:ArchiveClassesAtExit=/app/edw.jsa -jar /app/edw.jar --version
USER 10001:10001
WORKDIR /tmp
EXPOSE 9400
# sized for the seed's pod: 128Mi memory, 500m CPU
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=60", "-XX:ReservedCodeCacheSize=32m", \
  "-XX:MaxMetaspaceSize=80m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:SharedArchiveFile=/app/edw.jsa", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", \
  "-jar", "/app/edw.jar"]
CMD ["--help"]
