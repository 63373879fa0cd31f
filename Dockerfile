# One image recipe for every service, from the jar the host's Maven build made (nothing is fetched
# inside a build): ./mvnw package, then
#   docker build --build-arg SERVICE=ingest-service [--build-arg BASE_IMAGE=...] .
# The jar is split into Spring Boot's layers, dependencies first, so a code change rebuilds only the
# top layer. BASE_IMAGE is any image with a Java 17+ runtime (deploy/local-images.sh passes a locally
# made one where the official image cannot be pulled).
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BASE_IMAGE} AS layers
ARG SERVICE
WORKDIR /layers
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar service.jar
RUN java -Djarmode=tools -jar service.jar extract --layers --destination extracted

FROM ${BASE_IMAGE}
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# Class data sharing: a training run records the classes a start loads (the context refreshed, then the JVM
# exits; no migration, no topic creation, so nothing is contacted) and every start maps them from the archive
# instead of loading them one by one, which matters where several services start at once on few cores
RUN java -XX:MaxRAMPercentage=75 -XX:ArchiveClassesAtExit=service.jsa -Dspring.context.exit=onRefresh -jar service.jar \
      --spring.flyway.enabled=false --spring.kafka.admin.auto-create=false --tunemeld.admin-token=training \
      --spring.main.banner-mode=off --logging.level.root=warn
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=service.jsa", "-jar", "service.jar"]
