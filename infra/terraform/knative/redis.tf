# Redis, the KV store of the functions on Knative (ROAST state, consume-once nonces).

locals {
  redis_name = "drey-redis"
  redis_url  = "redis://${local.redis_name}.${local.namespace}.svc:6379"
  redis_pvc  = var.redis_storage != ""
}

resource "kubernetes_persistent_volume_claim_v1" "redis" {
  count = local.redis_pvc ? 1 : 0
  metadata {
    name      = local.redis_name
    namespace = local.namespace
    labels    = local.labels
  }
  spec {
    access_modes = ["ReadWriteOnce"]
    resources {
      requests = {
        storage = var.redis_storage
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_deployment_v1" "redis" {
  metadata {
    name      = local.redis_name
    namespace = local.namespace
    labels    = merge(local.labels, { app = local.redis_name })
  }
  spec {
    replicas = 1
    # One writer on one volume: stop the old pod before the new one starts.
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = { app = local.redis_name }
    }
    template {
      metadata {
        labels = merge(local.labels, { app = local.redis_name })
      }
      spec {
        container {
          name  = "redis"
          image = var.redis_image
          # Append-only file, fsync every second: consumed nonces stay consumed across restarts.
          args = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/data"]
          port {
            container_port = 6379
          }
          readiness_probe {
            exec {
              command = ["redis-cli", "ping"]
            }
            period_seconds = 10
          }
          volume_mount {
            name       = "data"
            mount_path = "/data"
          }
        }
        volume {
          name = "data"
          dynamic "persistent_volume_claim" {
            for_each = local.redis_pvc ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.redis[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.redis_pvc ? [] : [1]
            content {}
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "redis" {
  metadata {
    name      = local.redis_name
    namespace = local.namespace
    labels    = local.labels
  }
  spec {
    selector = { app = local.redis_name }
    port {
      port        = 6379
      target_port = 6379
    }
  }
}
