#!/usr/bin/env bash
# Builds, on a machine that cannot pull images (no registry reachable), every image docker-compose.yml
# needs: a Debian base with a Java runtime (debootstrap from Debian's packages, then docker import), the
# stand-ins for Kafka, Apicurio Registry, PostgreSQL and Redis on it (test infrastructure: same
# variables, paths and ports as the official images), and the five services from this checkout's jars.
# It writes deploy/local-images.env, which points the compose file at them:
#   deploy/local-images.sh && docker-compose --env-file deploy/local-images.env up -d
# Needs root (debootstrap) and a running Docker Engine. Where the official images can be pulled, none of
# this is needed: docker-compose builds the services on the official JRE image by default.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE="$ROOT/deploy/target"
BASE_IMAGE="${TUNEMELD_LOCAL_BASE_IMAGE:-tunemeld-local/debian-jre:bookworm}"
SERVICES=(ingest-service normalizer-service track-service aggregate-service cache-service)
VERSION="$("$ROOT/mvnw" -q -f "$ROOT/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout -N)"
KAFKA_VERSION="$("$ROOT/mvnw" -q -f "$ROOT/pom.xml" help:evaluate -Dexpression=kafka.version -DforceStdout -N)"
REGISTRY_VERSION="$("$ROOT/mvnw" -q -f "$ROOT/pom.xml" help:evaluate -Dexpression=apicurio-registry-app.version -DforceStdout -N)"

step() { printf '\n== %s\n' "$*"; }

base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "$BASE_IMAGE is here"
    return
  fi
  command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
  local rootfs="$STAGE/rootfs"
  rm -rf "$rootfs"
  # one base for every image: a Java runtime for the services, Kafka and the registry; PostgreSQL and
  # Redis from the same release for their stand-ins; curl and procps for health checks and operators
  debootstrap --variant=minbase \
    --include=openjdk-17-jre-headless,ca-certificates,curl,procps,postgresql,redis-server,redis-tools \
    bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  chroot "$rootfs" apt-get clean
  tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE_IMAGE"
  rm -rf "$rootfs"
}

build() {
  local tag="$1" context="$2"
  shift 2
  docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$tag" "$@" "$context" >/dev/null
  echo "built $tag"
}

step "base image with a Java runtime"
base_image

step "the services' jars and the registry's distribution (Maven, on the host)"
(cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}"),local-stack" -am)

step "stand-ins for the official infrastructure images"
rm -rf "$STAGE/kafka" "$STAGE/registry"
mkdir -p "$STAGE"
cp -r "$ROOT/deploy/stand-ins/kafka" "$STAGE/kafka"
"$ROOT/mvnw" -q -B -ntp -f "$ROOT/deploy/stand-ins/kafka/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$STAGE/kafka/libs"
build "tunemeld-local/kafka:$KAFKA_VERSION" "$STAGE/kafka"
mkdir -p "$STAGE/registry"
cp "$ROOT/deploy/stand-ins/registry/Dockerfile" "$STAGE/registry/"
cp -r "$ROOT/local-stack/target/apicurio-registry" "$STAGE/registry/apicurio-registry"
build "tunemeld-local/apicurio-registry:$REGISTRY_VERSION" "$STAGE/registry"
POSTGRES_VERSION="$(docker run --rm "$BASE_IMAGE" sh -c 'ls /usr/lib/postgresql')"
build "tunemeld-local/postgres:$POSTGRES_VERSION" "$ROOT/deploy/stand-ins/postgres"
REDIS_VERSION="$(docker run --rm "$BASE_IMAGE" redis-server --version | sed -E 's/.*v=([0-9]+)\..*/\1/')"
build "tunemeld-local/redis:$REDIS_VERSION" "$ROOT/deploy/stand-ins/redis"

step "the five services"
for service in "${SERVICES[@]}"; do
  build "tunemeld/$service:$VERSION" "$ROOT" --build-arg SERVICE="$service"
done

cat > "$ROOT/deploy/local-images.env" <<EOF
# Written by deploy/local-images.sh: the compose file's images made on this machine (stand-ins for the
# official infrastructure images, which could not be pulled here). docker-compose --env-file deploy/local-images.env ...
KAFKA_IMAGE=tunemeld-local/kafka:$KAFKA_VERSION
REGISTRY_IMAGE=tunemeld-local/apicurio-registry:$REGISTRY_VERSION
POSTGRES_IMAGE=tunemeld-local/postgres:$POSTGRES_VERSION
REDIS_IMAGE=tunemeld-local/redis:$REDIS_VERSION
SERVICE_BASE_IMAGE=$BASE_IMAGE
TUNEMELD_VERSION=$VERSION
EOF
step "wrote deploy/local-images.env"
cat "$ROOT/deploy/local-images.env"
