output "service_name" {
  description = "Name of the Knative Service."
  value       = kubernetes_manifest.service.manifest.metadata.name
}

output "kafka_sources" {
  description = "KafkaSource name per consumed (unprefixed) topic."
  value       = { for t, s in kubernetes_manifest.kafka_source : t => s.manifest.metadata.name }
}
