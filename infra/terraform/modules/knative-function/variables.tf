variable "name" {
  description = "The function's name in infra/functions.json; also the Knative Service's name."
  type        = string
}

variable "namespace" {
  description = "Namespace of the Service and its KafkaSources."
  type        = string
}

variable "image" {
  description = "Container image of the function (its Knative build: Funqy Knative Events)."
  type        = string
}

variable "topics" {
  description = "Unprefixed topics the function consumes (drey.sign, ...): one KafkaSource each."
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

variable "bootstrap_servers" {
  description = "Kafka bootstrap servers, comma-separated."
  type        = string
}

variable "redis_url" {
  description = "URL of the Redis KV store."
  type        = string
}

variable "kafka_source_api_version" {
  description = "apiVersion of the KafkaSource CRD installed in the cluster."
  type        = string
}

variable "initial_offset" {
  description = "Where a new KafkaSource's consumer group starts: earliest (replay; every function is idempotent) or latest."
  type        = string
  default     = "earliest"
}

variable "min_scale" {
  description = "Minimum replicas (0 lets the function scale to zero between events)."
  type        = number
  default     = 0
}

variable "max_scale" {
  description = "Maximum replicas."
  type        = number
  default     = 5
}

variable "secret_name" {
  description = "Existing Secret whose keys become environment variables (sealed keys, passphrases); \"\" for none."
  type        = string
  default     = ""
}

variable "environment" {
  description = "Extra environment variables (they override the module's defaults)."
  type        = map(string)
  default     = {}
}

variable "labels" {
  description = "Labels on every object."
  type        = map(string)
  default     = {}
}

variable "secret_environment" {
  description = "Environment variables kept in the function's own Secret (the sealed key file in base64, its passphrase)."
  type        = map(string)
  sensitive   = true
}

variable "dead_letter_sink" {
  description = "Where every KafkaSource sends what it could not deliver after its retries (a KafkaSink on the dead-letter topic)."
  type        = object({ api_version = string, kind = string, name = string })
}

variable "delivery_retry" {
  description = "Delivery attempts after the first before a record goes to the dead-letter sink."
  type        = number
  default     = 10
}

variable "delivery_backoff_delay" {
  description = "First back-off delay (ISO-8601), doubled on each retry."
  type        = string
  default     = "PT1S"
}

variable "caller_namespaces" {
  description = "Namespaces whose workloads may call the function (Knative's activator/ingress and event dispatchers)."
  type        = list(string)
  default     = ["knative-serving", "knative-eventing"]
}
