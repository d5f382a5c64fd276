output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "event_source_mappings" {
  description = "Event-source mapping id per consumed (unprefixed) topic."
  value       = { for t, m in aws_lambda_event_source_mapping.topic : t => m.uuid }
}

output "consumer_groups" {
  description = "Kafka consumer group per consumed (unprefixed) topic."
  value       = local.consumer_groups
}

output "alias_arn" {
  description = "ARN of the \"live\" alias (the published, SnapStart-enabled version) the mappings invoke."
  value       = aws_lambda_alias.live.arn
}

output "failure_queue_arn" {
  description = "SQS queue receiving the mappings' failed batches (on-failure destination)."
  value       = aws_sqs_queue.failures.arn
}
