# relay-ingest: the miner's private nostr relay, a long-running Deployment (websockets do not
# suit scale-to-zero) and a Service in front of it.

locals {
  relay_name      = "relay-ingest"
  relay_port      = 8080
  relay_index_pvc = var.relay_index_storage != ""
}

resource "kubernetes_persistent_volume_claim_v1" "relay_index" {
  count = local.relay_index_pvc ? 1 : 0
  metadata {
    name      = "${local.relay_name}-index"
    namespace = local.namespace
    labels    = local.labels
  }
  spec {
    access_modes = ["ReadWriteOnce"]
    resources {
      requests = {
        storage = var.relay_index_storage
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_deployment_v1" "relay" {
  metadata {
    name      = local.relay_name
    namespace = local.namespace
    labels    = merge(local.labels, { app = local.relay_name })
  }
  spec {
    replicas = 1
    # The index is a single-writer MVStore file.
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = { app = local.relay_name }
    }
    template {
      metadata {
        labels = merge(local.labels, { app = local.relay_name })
      }
      spec {
        container {
          name  = "relay-ingest"
          image = var.relay_image
          port {
            name           = "http"
            container_port = local.relay_port
          }

          dynamic "env" {
            for_each = merge({
              KAFKA_BOOTSTRAP_SERVERS = var.kafka_bootstrap_servers
              RELAY_KAFKA_TOPIC_PREFIX = var.topic_prefix
              RELAY_DATA_DIR           = "/data"
              QUARKUS_HTTP_PORT       = tostring(local.relay_port)
            }, var.kafka_environment, var.relay_environment)
            content {
              name  = env.key
              value = env.value
            }
          }

          dynamic "env_from" {
            for_each = var.secrets_secret_name == "" ? [] : [var.secrets_secret_name]
            content {
              secret_ref {
                name = env_from.value
              }
            }
          }

          readiness_probe {
            http_get {
              path = "/q/health/ready"
              port = local.relay_port
            }
            period_seconds = 10
          }
          liveness_probe {
            http_get {
              path = "/q/health/live"
              port = local.relay_port
            }
            initial_delay_seconds = 30
            period_seconds        = 20
          }

          volume_mount {
            name       = "index"
            mount_path = "/data"
          }
        }
        volume {
          name = "index"
          dynamic "persistent_volume_claim" {
            for_each = local.relay_index_pvc ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.relay_index[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.relay_index_pvc ? [] : [1]
            content {}
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "relay" {
  metadata {
    name      = local.relay_name
    namespace = local.namespace
    labels    = local.labels
  }
  spec {
    type     = var.relay_service_type
    selector = { app = local.relay_name }
    port {
      name        = "http"
      port        = 80
      target_port = local.relay_port
    }
  }
}
