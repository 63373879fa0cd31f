#!/usr/bin/env bash
# The broker, with the distribution's default heap unless KAFKA_HEAP_OPTS says otherwise.
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
