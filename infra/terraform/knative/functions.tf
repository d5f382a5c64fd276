# The functions and the topics each consumes. Mirrors infra/functions.json (the CI check fails
# when the two differ).
locals {
  functions = {
    signer = {
      topics = ["drey.sign", "drey.issuance", "drey.vote"]
    }
    roast-orchestrator = {
      topics = ["drey.sign"]
    }
    dta-function = {
      topics = ["drey.dta"]
    }
    mpin-function = {
      topics = ["drey.mpin"]
    }
    dkg = {
      topics = ["drey.dkg"]
    }
    vote = {
      topics = ["drey.vote"]
    }
  }

  # Every topic a deployment has: one per message family plus the outbox.
  topics       = ["drey.dkg", "drey.sign", "drey.dta", "drey.mpin", "drey.pol", "drey.issuance", "drey.vote", "drey.other", "drey.outbox"]
  outbox_topic = "drey.outbox"
  topic_names  = { for t in local.topics : t => (var.topic_prefix == "" ? t : "${var.topic_prefix}.${t}") }

  namespace = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace
  labels    = { "app.kubernetes.io/part-of" = "drey-miner" }
}

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0
  metadata {
    name   = var.namespace
    labels = local.labels
  }
}

module "function" {
  source   = "../modules/knative-function"
  for_each = local.functions

  name                     = each.key
  namespace                = local.namespace
  image                    = var.function_images[each.key]
  topics                   = each.value.topics
  outbox_topic             = local.outbox_topic
  topic_prefix             = var.topic_prefix
  bootstrap_servers        = var.kafka_bootstrap_servers
  redis_url                = local.redis_url
  kafka_source_api_version = var.kafka_source_api_version
  min_scale                = var.function_min_scale
  max_scale                = var.function_max_scale
  secret_name              = var.secrets_secret_name
  environment              = var.kafka_environment
  labels                   = local.labels
}
