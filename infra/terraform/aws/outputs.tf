output "relay_url" {
  description = "The relay's websocket URL (wss:// with a certificate, ws:// without). Point a DNS name at the load balancer to use your own host name."
  value       = "${local.relay_https ? "wss" : "ws"}://${aws_lb.relay.dns_name}"
}

output "relay_load_balancer_dns" {
  description = "DNS name of the relay's load balancer (target of your CNAME/alias record)."
  value       = aws_lb.relay.dns_name
}

output "topic_names" {
  description = "Every Kafka topic of this deployment (prefix applied), by unprefixed name."
  value       = local.topic_names
}

output "kafka_bootstrap_servers" {
  description = "SASL/IAM bootstrap brokers of the MSK cluster."
  value       = local.msk_bootstrap_servers
}

output "msk_cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = local.msk_cluster_arn
}

output "kv_table_name" {
  description = "DynamoDB table of the KV store."
  value       = aws_dynamodb_table.kv.name
}

output "kms_key_arn" {
  description = "KMS key sealing the functions' key file and secrets at rest (drey keyfile create --kind envelope --kms-key-id ...)."
  value       = aws_kms_key.secrets.arn
}

output "relay_kms_key_arn" {
  description = "KMS key sealing the relay's own key file (its identity key only)."
  value       = aws_kms_key.relay.arn
}

output "function_failure_queues" {
  description = "SQS on-failure destination per function: batches the MSK mappings gave up on (replay them with drey replay --from-offset)."
  value       = { for name, f in module.function : name => f.failure_queue_arn }
}

output "function_arns" {
  description = "Lambda ARN per function."
  value       = { for name, f in module.function : name => f.function_arn }
}

output "event_source_mappings" {
  description = "Event-source mapping id per function and consumed topic."
  value       = { for name, f in module.function : name => f.event_source_mappings }
}
