# One image recipe for every service: docker build --build-arg SERVICE=ingest-service .
# The build stage does not depend on SERVICE, so it is built once and shared by all five images.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp package -DskipTests -pl ingest-service,normalizer-service,track-service,aggregate-service,cache-service -am

FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
