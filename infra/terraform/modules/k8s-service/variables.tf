variable "name" {
  description = "Name of the Deployment and the Service, and the pods' app label."
  type        = string
}

variable "namespace" {
  description = "Namespace of every object."
  type        = string
}

variable "labels" {
  description = "Labels on every object (the Deployment and its pods also get app = name)."
  type        = map(string)
  default     = {}
}

variable "image" {
  description = "Container image."
  type        = string
}

variable "container_name" {
  description = "Name of the container; null for name."
  type        = string
  default     = null
}

variable "args" {
  description = "Arguments of the container's entrypoint."
  type        = list(string)
  default     = []
}

variable "environment" {
  description = "Environment variables of the container."
  type        = map(string)
  default     = {}
}

variable "secret_name" {
  description = "Existing Secret whose keys become environment variables; \"\" for none."
  type        = string
  default     = ""
}

variable "container_port" {
  description = "The port the container listens on; the probes and the Service target it."
  type        = number
}

variable "port_name" {
  description = "Name of the port on the container and the Service; null for none."
  type        = string
  default     = null
}

variable "service_port" {
  description = "Port of the Service; null for container_port."
  type        = number
  default     = null
}

variable "service_type" {
  description = "Kubernetes Service type: ClusterIP, NodePort or LoadBalancer."
  type        = string
  default     = "ClusterIP"
}

variable "readiness_probe" {
  description = "When the pod takes traffic: an HTTP GET of http_path on container_port, or running command (exactly one of the two)."
  type = object({
    http_path      = optional(string)
    command        = optional(list(string))
    period_seconds = optional(number, 10)
  })
  validation {
    condition     = (var.readiness_probe.http_path == null) != (var.readiness_probe.command == null)
    error_message = "readiness_probe needs exactly one of http_path and command."
  }
}

variable "liveness_probe" {
  description = "When the container is restarted: an HTTP GET of http_path on container_port; null for none."
  type = object({
    http_path             = string
    initial_delay_seconds = optional(number, 0)
    period_seconds        = optional(number, 10)
  })
  default = null
}

variable "data_volume" {
  description = "The pod's one volume, mounted at mount_path: a PersistentVolumeClaim named claim_name of size storage, or an emptyDir when storage is \"\"."
  type = object({
    name       = string
    mount_path = string
    claim_name = string
    storage    = string
  })
}
