# syntax=docker/dockerfile:1
# Release image of dualstack-operator.
#   docker build -t ghcr.io/dualstack-dev/dualstack-operator:0.1.0 .
# The runtime user (65532) must equal the Helm chart's runAsUser (a test checks it).

# ---- build: the shaded jar target/dualstack-operator.jar
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so that a source change reuses the cached layer
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY crds/ crds/
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# ---- run
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="dualstack-operator" \
      org.opencontainers.image.description="Owns the dual-stack (IPv4+IPv6) network configuration of managed user clusters" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/dualstack-dev/dualstack-operator"
WORKDIR /app
COPY --from=build --chown=0:0 --chmod=0444 /src/target/dualstack-operator.jar /app/dualstack-operator.jar
# numeric, so that runAsNonRoot can verify it without /etc/passwd
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/dualstack-operator.jar", "run"]
