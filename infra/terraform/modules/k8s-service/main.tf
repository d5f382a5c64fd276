# A single-replica service on Kubernetes: a Deployment of one container with one data volume
# (a PersistentVolumeClaim or an emptyDir) and a Service in front of it. Used for the services
# that keep state on that volume (Redis, relay-ingest), hence one replica and no rolling update.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.36"
    }
  }
}

locals {
  selector = { app = var.name }
  pvc      = var.data_volume.storage != ""
}

resource "kubernetes_persistent_volume_claim_v1" "data" {
  count = local.pvc ? 1 : 0
  metadata {
    name      = var.data_volume.claim_name
    namespace = var.namespace
    labels    = var.labels
  }
  spec {
    access_modes = ["ReadWriteOnce"]
    resources {
      requests = {
        storage = var.data_volume.storage
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_deployment_v1" "this" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = merge(var.labels, local.selector)
  }
  spec {
    replicas = 1
    # One writer on one volume: stop the old pod before the new one starts.
    strategy {
      type = "Recreate"
    }
    selector {
      match_labels = local.selector
    }
    template {
      metadata {
        labels = merge(var.labels, local.selector)
      }
      spec {
        container {
          name  = coalesce(var.container_name, var.name)
          image = var.image
          args  = var.args
          port {
            name           = var.port_name
            container_port = var.container_port
          }

          dynamic "env" {
            for_each = var.environment
            content {
              name  = env.key
              value = env.value
            }
          }

          dynamic "env_from" {
            for_each = var.secret_name == "" ? [] : [var.secret_name]
            content {
              secret_ref {
                name = env_from.value
              }
            }
          }

          # The probes' paths are read from the variables directly (not through the dynamic
          # blocks' iterators) so the CI check can evaluate the readiness path.
          readiness_probe {
            period_seconds = var.readiness_probe.period_seconds
            dynamic "http_get" {
              for_each = var.readiness_probe.http_path == null ? [] : [1]
              content {
                path = var.readiness_probe.http_path
                port = var.container_port
              }
            }
            dynamic "exec" {
              for_each = var.readiness_probe.command == null ? [] : [1]
              content {
                command = var.readiness_probe.command
              }
            }
          }
          dynamic "liveness_probe" {
            for_each = var.liveness_probe == null ? [] : [1]
            content {
              initial_delay_seconds = var.liveness_probe.initial_delay_seconds
              period_seconds        = var.liveness_probe.period_seconds
              http_get {
                path = var.liveness_probe.http_path
                port = var.container_port
              }
            }
          }

          volume_mount {
            name       = var.data_volume.name
            mount_path = var.data_volume.mount_path
          }
        }
        volume {
          name = var.data_volume.name
          dynamic "persistent_volume_claim" {
            for_each = local.pvc ? [1] : []
            content {
              claim_name = kubernetes_persistent_volume_claim_v1.data[0].metadata[0].name
            }
          }
          dynamic "empty_dir" {
            for_each = local.pvc ? [] : [1]
            content {}
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "this" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = var.labels
  }
  spec {
    type     = var.service_type
    selector = local.selector
    port {
      name        = var.port_name
      port        = coalesce(var.service_port, var.container_port)
      target_port = var.container_port
    }
  }
}
