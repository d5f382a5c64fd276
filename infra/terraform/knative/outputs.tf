output "relay_url" {
  description = "The relay's websocket URL inside the cluster (expose it with an ingress or relay_service_type = \"LoadBalancer\")."
  value       = "ws://${module.relay.service_name}.${local.namespace}.svc"
}

output "topic_names" {
  description = "Every Kafka topic of this deployment (prefix applied), by unprefixed name."
  value       = local.topic_names
}

output "redis_url" {
  description = "URL of the KV store (DREY_KV_REDIS_URL of the functions)."
  value       = local.redis_url
}

output "function_services" {
  description = "Knative Service name per function."
  value       = { for name, f in module.function : name => f.service_name }
}

output "kafka_sources" {
  description = "KafkaSource name per function and consumed topic."
  value       = { for name, f in module.function : name => f.kafka_sources }
}
