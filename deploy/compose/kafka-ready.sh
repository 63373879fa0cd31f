#!/usr/bin/env bash
# The brokers' health check: this broker answers an ApiVersions request on its PLAINTEXT listener, which it
# does only once it has caught up with the cluster's metadata and is unfenced. Written in bash against the
# socket because the image's own tool for it (kafka-broker-api-versions.sh) starts a JVM, seconds of CPU a
# check, which a health check every few seconds on each of three brokers takes from the services.
# ApiVersions v2 request: size 12, api key 18, version 2, correlation id 1, client id "hc"; the answer
# starts with its size, the correlation id and error code 0.
exec 3<>/dev/tcp/127.0.0.1/9092 || exit 1
printf '\0\0\0\x0c\0\x12\0\x02\0\0\0\x01\0\x02hc' >&3
[[ $(od -An -tx1 -N10 <&3) == *'00 00 00 01 00 00' ]]
