variable "kubeconfig_path" {
  description = "kubeconfig of the cluster (Knative Serving, Knative Eventing and the KafkaSource CRD already installed)."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "kubeconfig context to use; \"\" for the current one."
  type        = string
  default     = ""
}

variable "namespace" {
  description = "Namespace of everything this environment creates."
  type        = string
  default     = "drey-miner"
}

variable "create_namespace" {
  description = "Create the namespace (false when it exists already)."
  type        = bool
  default     = true
}

variable "kafka_bootstrap_servers" {
  description = "Bootstrap servers of the Kafka cluster the KafkaSources and the services use, comma-separated (e.g. a Strimzi cluster's bootstrap service)."
  type        = string
}

variable "kafka_environment" {
  description = "Extra Kafka client settings for the functions and the relay as environment variables (KAFKA_SECURITY_PROTOCOL, ...)."
  type        = map(string)
  default     = {}
}

variable "kafka_source_api_version" {
  description = "apiVersion of the KafkaSource CRD in the cluster."
  type        = string
  default     = "sources.knative.dev/v1beta1"
}

variable "topic_prefix" {
  description = "Prefix of every topic (\"\" for drey.sign, ...; \"miner1\" for miner1.drey.sign)."
  type        = string
  default     = ""
}

variable "function_images" {
  description = "Container image per function name of infra/functions.json (each function's Knative build)."
  type        = map(string)
}

variable "function_min_scale" {
  description = "Minimum replicas of each function (0 scales to zero between events)."
  type        = number
  default     = 0
}

variable "function_max_scale" {
  description = "Maximum replicas of each function."
  type        = number
  default     = 5
}

variable "secrets_secret_name" {
  description = "Existing Secret whose keys become extra environment variables of the functions (never the relay's); \"\" for none."
  type        = string
  default     = ""
}

variable "relay_image" {
  description = "Container image of relay-ingest."
  type        = string
}

variable "relay_service_type" {
  description = "Kubernetes Service type of the relay: ClusterIP (behind your own ingress, which must pass websocket upgrades) or LoadBalancer."
  type        = string
  default     = "ClusterIP"
  validation {
    condition     = contains(["ClusterIP", "NodePort", "LoadBalancer"], var.relay_service_type)
    error_message = "relay_service_type must be ClusterIP, NodePort or LoadBalancer."
  }
}

variable "relay_public_url" {
  description = "The relay's public websocket URL (wss://relay.example.org), which NIP-42 AUTH events must name; the relay does not start without it."
  type        = string
  validation {
    condition     = can(regex("^wss?://[^/@#]+", var.relay_public_url))
    error_message = "relay_public_url must be a ws:// or wss:// URL."
  }
}

variable "relay_environment" {
  description = "Extra environment of the relay (RELAY_ROSTER, RELAY_ALLOW_LIST, ...)."
  type        = map(string)
  default     = {}
}

variable "relay_index_storage" {
  description = "Size of the relay's index volume (a PersistentVolumeClaim); \"\" uses an emptyDir, rebuilt from Kafka at every start."
  type        = string
  default     = ""
}

variable "redis_image" {
  description = "Redis image (Redis 6.2 or newer)."
  type        = string
  default     = "redis:7.4-alpine"
}

variable "redis_storage" {
  description = "Size of Redis's PersistentVolumeClaim (append-only file). \"\" keeps data in an emptyDir: ROAST state and unused nonces are lost when the pod goes."
  type        = string
  default     = "1Gi"
}

# --- what every function needs to start (see infra/required-settings.json) ------------------

variable "federation_json" {
  description = "The federation file's content (public), as drey federation init wrote it."
  type        = string
  validation {
    condition     = length(trimspace(var.federation_json)) > 0
    error_message = "federation_json must hold the federation file."
  }
}

variable "function_key_file" {
  description = "Path of the functions' passphrase-sealed key file (drey keyfile create); it goes base64 into each function's Secret."
  type        = string
}

variable "function_key_passphrase" {
  description = "Passphrase of the functions' key file (kept in the functions' Secrets only)."
  type        = string
  sensitive   = true
}

variable "relay_key_file" {
  description = "Path of the relay's own key file (identity key only, passphrase-sealed); it goes into the relay's Secret only."
  type        = string
}

variable "relay_key_passphrase" {
  description = "Passphrase of the relay's key file (kept in the relay's Secret only)."
  type        = string
  sensitive   = true
}

variable "relay_urls" {
  description = "Relays the functions deliver their events to by default (comma-separated URLs; DREY_RELAYS_DEFAULT)."
  type        = string
}

variable "relay_roster" {
  description = "Federation members' relays (comma-separated key@wss://url; DREY_RELAYS_ROSTER); \"\" for none."
  type        = string
  default     = ""
}

variable "function_settings" {
  description = "Each function's own settings as environment variables (DREY_SIGNER_REQUESTERS, DREY_POL_SERVICE_KEYS, ...), by function name."
  type        = map(map(string))
}
