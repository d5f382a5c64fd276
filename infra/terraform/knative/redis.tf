# Redis, the KV store of the functions on Knative (ROAST state, consume-once nonces).

locals {
  redis_name = "drey-redis"
  redis_url  = "redis://${local.redis_name}.${local.namespace}.svc:6379"
}

module "redis" {
  source = "../modules/k8s-service"

  name           = local.redis_name
  namespace      = local.namespace
  labels         = local.labels
  image          = var.redis_image
  container_name = "redis"
  # Append-only file, fsync before every reply: a consumed nonce stays consumed across a crash. The KV
  # store refuses consume on a Redis older than 7.2 (no WAITAOF) unless both are set like this.
  args            = ["--appendonly", "yes", "--appendfsync", "always", "--dir", "/data"]
  container_port  = 6379
  readiness_probe = { command = ["redis-cli", "ping"] }
  data_volume     = { name = "data", mount_path = "/data", claim_name = local.redis_name, storage = var.redis_storage }
}
