# One Drey function on Knative: a Knative Service running the function's CloudEvents endpoint
# and one KafkaSource per consumed topic delivering that topic's records to it.

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
  topic_names = {
    for t in concat(var.topics, [var.outbox_topic]) : t => (var.topic_prefix == "" ? t : "${var.topic_prefix}.${t}")
  }
  labels = merge(var.labels, { "app.kubernetes.io/part-of" = "drey-miner", "drey.dev/function" = var.name })

  environment = merge({
    DREY_FUNCTION           = var.name
    DREY_ADAPTER            = "knative"
    DREY_KV_BACKEND         = "redis"
    DREY_KV_REDIS_URL       = var.redis_url
    KAFKA_BOOTSTRAP_SERVERS = var.bootstrap_servers
    DREY_KAFKA_TOPIC_PREFIX = var.topic_prefix
  }, var.environment)
}

resource "kubernetes_manifest" "service" {
  manifest = {
    apiVersion = "serving.knative.dev/v1"
    kind       = "Service"
    metadata = {
      name      = var.name
      namespace = var.namespace
      labels    = local.labels
    }
    spec = {
      template = {
        metadata = {
          labels = local.labels
          annotations = {
            "autoscaling.knative.dev/min-scale" = tostring(var.min_scale)
            "autoscaling.knative.dev/max-scale" = tostring(var.max_scale)
          }
        }
        spec = {
          containers = [
            {
              image   = var.image
              ports   = [{ containerPort = 8080 }]
              env     = [for k, v in local.environment : { name = k, value = v }]
              envFrom = var.secret_name == "" ? [] : [{ secretRef = { name = var.secret_name } }]
              readinessProbe = {
                httpGet = { path = "/q/health/ready" }
              }
            }
          ]
        }
      }
    }
  }

  # Knative's webhooks add annotations and labels of their own.
  computed_fields = ["metadata.annotations", "metadata.labels", "spec.template.metadata.annotations"]
}

resource "kubernetes_manifest" "kafka_source" {
  for_each = toset(var.topics)

  manifest = {
    apiVersion = var.kafka_source_api_version
    kind       = "KafkaSource"
    metadata = {
      name      = "${var.name}-${replace(each.key, ".", "-")}"
      namespace = var.namespace
      labels    = local.labels
    }
    spec = {
      consumerGroup    = "${var.name}-${replace(each.key, ".", "-")}"
      bootstrapServers = split(",", var.bootstrap_servers)
      topics           = [local.topic_names[each.key]]
      initialOffset    = var.initial_offset
      sink = {
        ref = {
          apiVersion = "serving.knative.dev/v1"
          kind       = "Service"
          name       = var.name
        }
      }
    }
  }

  depends_on = [kubernetes_manifest.service]
}
