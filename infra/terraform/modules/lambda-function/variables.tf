variable "name" {
  description = "The function's name in infra/functions.json (signer, roast-orchestrator, ...)."
  type        = string
}

variable "function_name" {
  description = "The Lambda function's name (also its consumer-group stem and log group name)."
  type        = string
}

variable "handler" {
  description = "Lambda handler. Quarkus's Lambda extension uses io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest for every function."
  type        = string
}

variable "artifact_bucket" {
  description = "S3 bucket holding the function's deployment zip (over Lambda's direct-upload limit)."
  type        = string
}

variable "artifact_key" {
  description = "S3 key of the function's deployment zip."
  type        = string
}

variable "artifact_hash" {
  description = "Base64 SHA-256 of the zip (filebase64sha256): a new hash publishes a new version."
  type        = string
}

variable "memory_mb" {
  description = "Lambda memory in MiB (CPU scales with it; the JVM start-up benefits from >= 1024)."
  type        = number
}

variable "timeout_s" {
  description = "Lambda timeout in seconds for one batch."
  type        = number
}

variable "topics" {
  description = "Unprefixed topics the function consumes (drey.sign, ...): one MSK event-source mapping each."
  type        = list(string)
}

variable "outbox_topic" {
  description = "Unprefixed outbox topic the function writes its signed events to."
  type        = string
}

variable "topic_prefix" {
  description = "Prefix of every topic name (\"\" for none; \"miner1\" gives miner1.drey.sign)."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the MSK cluster (provisioned or serverless)."
  type        = string
}

variable "bootstrap_servers" {
  description = "SASL/IAM bootstrap brokers of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the function runs in (they must reach the MSK brokers)."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the function's network interfaces."
  type        = list(string)
}

variable "kv_table_name" {
  description = "DynamoDB table of the KV store."
  type        = string
}

variable "kv_table_arn" {
  description = "ARN of the DynamoDB table of the KV store."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that envelope-encrypts the function's secrets at rest."
  type        = string
}

variable "batch_size" {
  description = "Maximum records per invocation."
  type        = number
  default     = 100
}

variable "starting_position" {
  description = "Where a new mapping starts reading: TRIM_HORIZON (replay; safe because every function is idempotent) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"
}

variable "log_retention_days" {
  description = "CloudWatch log retention."
  type        = number
  default     = 30
}

variable "environment" {
  description = "Extra environment variables (they override the module's defaults)."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}

variable "dead_letter_topic" {
  description = "Unprefixed dead-letter topic the function writes records it can never handle to (Topics.deadLetter())."
  type        = string
  default     = "drey.dead-letter"
}
