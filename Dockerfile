# syntax=docker/dockerfile:1
# The collections application for docker-compose.yml: built with Maven on a Temurin 21 JDK, run on a Temurin 21 JRE.
# Tests are not run here (CI runs them); build with BuildKit (the default of current Docker) for the Maven cache.

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
# The whole build context (see .dockerignore): the models in bpmn/ and dmn/ are packaged from the top level.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw --batch-mode --no-transfer-progress -DskipTests package \
    && cp target/collections-*.jar /collections.jar

FROM eclipse-temurin:21-jre-noble
RUN groupadd --system collections && useradd --system --gid collections --home-dir /app collections
WORKDIR /app
COPY --from=build /collections.jar /app/collections.jar
USER collections
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/collections.jar"]
