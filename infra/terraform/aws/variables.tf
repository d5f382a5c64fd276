variable "aws_region" {
  description = "AWS region to deploy into."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of every resource name (one miner per prefix in a shared account)."
  type        = string
  default     = "drey"
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = { project = "drey-miner" }
}

# --- network ---------------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC for MSK, the Lambdas and the relay."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (two or more, in different AZs) for MSK brokers, Lambda ENIs and relay tasks. They need a route to AWS APIs (NAT or VPC endpoints for DynamoDB, KMS, ECR, CloudWatch Logs)."
  type        = list(string)
}

variable "public_subnet_ids" {
  description = "Public subnets (two or more AZs) for the relay's Application Load Balancer."
  type        = list(string)
}

# --- Kafka -----------------------------------------------------------------------------------

variable "msk_mode" {
  description = "\"serverless\" (MSK Serverless, IAM auth) or \"provisioned\" (MSK brokers, IAM auth, topics auto-created by the cluster configuration)."
  type        = string
  default     = "serverless"
  validation {
    condition     = contains(["serverless", "provisioned"], var.msk_mode)
    error_message = "msk_mode must be \"serverless\" or \"provisioned\"."
  }
}

variable "msk_kafka_version" {
  description = "Kafka version of a provisioned cluster."
  type        = string
  default     = "3.8.x"
}

variable "msk_broker_instance_type" {
  description = "Broker instance type of a provisioned cluster."
  type        = string
  default     = "kafka.t3.small"
}

variable "msk_broker_count" {
  description = "Brokers of a provisioned cluster (a multiple of the number of private subnets)."
  type        = number
  default     = 2
}

variable "msk_broker_volume_gb" {
  description = "EBS volume per broker of a provisioned cluster, GiB."
  type        = number
  default     = 100
}

variable "topic_prefix" {
  description = "Prefix of every topic (\"\" for drey.sign, ...; \"miner1\" for miner1.drey.sign) so several miners can share a cluster."
  type        = string
  default     = ""
}

variable "topic_partitions" {
  description = "Partitions of each topic (auto-created topics on a provisioned cluster, and the documented creation step)."
  type        = number
  default     = 3
}

variable "topic_replication_factor" {
  description = "Replication factor of auto-created topics on a provisioned cluster (at most msk_broker_count)."
  type        = number
  default     = 2
}

# --- functions -------------------------------------------------------------------------------

variable "lambda_artifacts" {
  description = "Deployment zip per function name of infra/functions.json (Quarkus builds target/function.zip), uploaded to S3, e.g. { signer = \"../../../roast-orchestrator/target/function.zip\" }."
  type        = map(string)
}

variable "lambda_handler" {
  description = "Handler of every function: Quarkus's Lambda entry point (placeholder until the adapters land; override per function through lambda_overrides)."
  type        = string
  default     = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
}

variable "lambda_overrides" {
  description = "Per-function overrides: handler, memory_mb, timeout_s, batch_size, environment."
  type = map(object({
    handler     = optional(string)
    memory_mb   = optional(number)
    timeout_s   = optional(number)
    batch_size  = optional(number)
    environment = optional(map(string), {})
  }))
  default = {}
}

variable "lambda_starting_position" {
  description = "Where new event-source mappings start: TRIM_HORIZON replays the topics (safe: every function is idempotent) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"
}

variable "log_retention_days" {
  description = "CloudWatch log retention of the functions and the relay."
  type        = number
  default     = 30
}

# --- state and secrets -----------------------------------------------------------------------

variable "kv_point_in_time_recovery" {
  description = "Enable DynamoDB point-in-time recovery on the KV table."
  type        = bool
  default     = true
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the KMS key is deleted after terraform destroy (7-30 days)."
  type        = number
  default     = 30
}

# --- relay-ingest ----------------------------------------------------------------------------

variable "relay_image" {
  description = "Container image of relay-ingest (e.g. an ECR repository URI with tag)."
  type        = string
}

variable "relay_cpu" {
  description = "Fargate CPU units of a relay task."
  type        = number
  default     = 512
}

variable "relay_memory_mb" {
  description = "Fargate memory of a relay task, MiB."
  type        = number
  default     = 1024
}

variable "relay_desired_count" {
  description = "Relay tasks. Each keeps its own query index, rebuilt from Kafka at start."
  type        = number
  default     = 1
}

variable "relay_certificate_arn" {
  description = "ACM certificate for an HTTPS (wss://) listener; \"\" serves plain HTTP (ws://) only."
  type        = string
  default     = ""
}

variable "relay_idle_timeout_s" {
  description = "ALB idle timeout: how long a quiet websocket stays open (relays ping every 60 s)."
  type        = number
  default     = 3600
}

variable "relay_allowed_cidrs" {
  description = "CIDR blocks allowed to reach the relay's load balancer."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "relay_environment" {
  description = "Extra environment of the relay container (RELAY_ROSTER, RELAY_ALLOW_LIST, ...)."
  type        = map(string)
  default     = {}
}

# --- what every function needs to start (see infra/required-settings.json) ------------------

variable "federation_json" {
  description = "The federation file's content (public: members, threshold, group keys), as drey federation init wrote it."
  type        = string
  validation {
    condition     = length(trimspace(var.federation_json)) > 0
    error_message = "federation_json must hold the federation file."
  }
}

variable "function_key_file" {
  description = "Path of the functions' key file, envelope-sealed with this deployment's functions KMS key (drey keyfile create --kind envelope --kms-key-id ...); passed base64 in DREY_SECRETS_FILE_BASE64. The relay has its own (relay_key_file)."
  type        = string
}

variable "relay_urls" {
  description = "Relays the functions deliver their events to by default (comma-separated wss:// URLs; DREY_RELAYS_DEFAULT)."
  type        = string
}

variable "relay_roster" {
  description = "Federation members' relays (comma-separated key@wss://url; DREY_RELAYS_ROSTER); \"\" for none."
  type        = string
  default     = ""
}

variable "function_settings" {
  description = "Each function's own settings as environment variables (DREY_SIGNER_REQUESTERS, DREY_POL_SERVICE_KEYS, ...), by function name; the build's check fails when terraform.tfvars.example leaves a required one out."
  type        = map(map(string))
}

variable "relay_key_file" {
  description = "Path of the relay's own key file (identity key only), envelope-sealed with the relay's KMS key; passed base64 in DREY_SECRETS_FILE_BASE64."
  type        = string
}
