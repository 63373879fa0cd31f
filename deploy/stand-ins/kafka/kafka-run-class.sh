#!/usr/bin/env bash
# Runs a class of the Kafka jars, as the distribution's bin/kafka-run-class.sh does.
exec java ${KAFKA_HEAP_OPTS:-} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC} ${KAFKA_OPTS:-} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties} -cp "/opt/kafka/libs/*" "$@"
