# One Drey function on Knative: a cluster-local Knative Service running the function's CloudEvents
# endpoint, a NetworkPolicy and a mesh policy admitting only Knative's own callers (mutual TLS), the
# function's settings and key file in a Secret of its own, and one KafkaSource per consumed topic
# delivering that topic's records to it in order, with retries, back-off and a dead-letter sink.

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
  own_labels = { "app.kubernetes.io/part-of" = "drey-miner", "drey.dev/function" = var.name }
  labels     = merge(var.labels, local.own_labels)
  # Reachable only inside the cluster: Knative gives the Service no public route.
  cluster_local  = { "networking.knative.dev/visibility" = "cluster-local" }
  service_labels = merge(local.labels, local.cluster_local)

  # What every function gets; var.environment (its settings) adds to it. The key file and its
  # passphrase go in the function's Secret (var.secret_environment), never in the Service's spec.
  # The Terraform check evaluates both against infra/required-settings.json.
  base_environment = {
    DREY_FUNCTION           = var.name
    DREY_ADAPTER            = "knative"
    DREY_KV_BACKEND         = "redis"
    DREY_KV_REDIS_URL       = var.redis_url
    DREY_SECRETS_BACKEND    = "file"
    KAFKA_BOOTSTRAP_SERVERS = var.bootstrap_servers
    DREY_KAFKA_TOPIC_PREFIX = var.topic_prefix
  }
  environment = merge(local.base_environment, var.environment)
}

resource "kubernetes_secret_v1" "settings" {
  metadata {
    name      = "${var.name}-secrets"
    namespace = var.namespace
    labels    = local.labels
  }
  data = var.secret_environment
}

resource "kubernetes_manifest" "service" {
  manifest = {
    apiVersion = "serving.knative.dev/v1"
    kind       = "Service"
    metadata = {
      name      = var.name
      namespace = var.namespace
      labels    = local.service_labels
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
              envFrom = concat([{ secretRef = { name = kubernetes_secret_v1.settings.metadata[0].name } }],
              var.secret_name == "" ? [] : [{ secretRef = { name = var.secret_name } }])
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
      annotations = {
        # One partition's records arrive one at a time, in offset order (the default is concurrent).
        "kafka.eventing.knative.dev/delivery.order" = "ordered"
      }
    }
    spec = {
      consumerGroup    = "${var.name}-${replace(each.key, ".", "-")}"
      bootstrapServers = split(",", var.bootstrap_servers)
      topics           = [local.topic_names[each.key]]
      initialOffset    = var.initial_offset
      # A 503 (KV store or outbox down) is retried with back-off; what still fails goes to the
      # dead-letter sink instead of being dropped (drey replay re-runs it from there).
      delivery = {
        retry         = var.delivery_retry
        backoffPolicy = "exponential"
        backoffDelay  = var.delivery_backoff_delay
        deadLetterSink = {
          ref = {
            apiVersion = var.dead_letter_sink.api_version
            kind       = var.dead_letter_sink.kind
            name       = var.dead_letter_sink.name
          }
        }
      }
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

# Only Knative's data plane may open a connection to the function's pods: the activator and ingress
# (knative-serving), the KafkaSource and PingSource dispatchers (knative-eventing).
resource "kubernetes_network_policy_v1" "callers" {
  metadata {
    name      = "${var.name}-callers"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    pod_selector {
      match_labels = { "serving.knative.dev/service" = var.name }
    }
    policy_types = ["Ingress"]
    dynamic "ingress" {
      for_each = toset(var.caller_namespaces)
      content {
        from {
          namespace_selector {
            match_labels = { "kubernetes.io/metadata.name" = ingress.value }
          }
        }
      }
    }
  }
}

# Caller authentication: the mesh requires mutual TLS to the function and admits only workload
# identities of Knative's namespaces (a pod elsewhere in the cluster, or a spoofed source address, is refused).
resource "kubernetes_manifest" "peer_authentication" {
  manifest = {
    apiVersion = "security.istio.io/v1"
    kind       = "PeerAuthentication"
    metadata   = { name = "${var.name}-mtls", namespace = var.namespace, labels = local.labels }
    spec = {
      selector = { matchLabels = { "serving.knative.dev/service" = var.name } }
      mtls     = { mode = "STRICT" }
    }
  }
}

resource "kubernetes_manifest" "authorization_policy" {
  manifest = {
    apiVersion = "security.istio.io/v1"
    kind       = "AuthorizationPolicy"
    metadata   = { name = "${var.name}-callers", namespace = var.namespace, labels = local.labels }
    spec = {
      selector = { matchLabels = { "serving.knative.dev/service" = var.name } }
      action   = "ALLOW"
      rules    = [{ from = [{ source = { namespaces = var.caller_namespaces } }] }]
    }
  }
}
