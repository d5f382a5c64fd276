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
  topics       = ["drey.dkg", "drey.sign", "drey.dta", "drey.mpin", "drey.pol", "drey.issuance", "drey.beacon", "drey.vote", "drey.other", "drey.outbox"]
  outbox_topic = "drey.outbox"
  topic_names  = { for t in local.topics : t => (var.topic_prefix == "" ? t : "${var.topic_prefix}.${t}") }

  # Records a function or its KafkaSource could not handle (Topics.deadLetter()).
  dead_letter_topic = var.topic_prefix == "" ? "drey.dead-letter" : "${var.topic_prefix}.drey.dead-letter"

  # What every function needs to start besides the module's own settings (see aws/functions.tf); the
  # key file and its passphrase go to each function's Secret. Checked against infra/required-settings.json.
  function_environment = {
    DREY_FEDERATION_JSON = var.federation_json
    DREY_RELAYS_DEFAULT  = var.relay_urls
    DREY_RELAYS_ROSTER   = var.relay_roster
  }
  function_secret_environment = {
    DREY_SECRETS_FILE_BASE64 = filebase64(var.function_key_file)
    DREY_SECRETS_PASSPHRASE  = var.function_key_passphrase
  }

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
  environment              = merge(var.kafka_environment, local.function_environment, try(var.function_settings[each.key], {}))
  secret_environment       = local.function_secret_environment
  dead_letter_sink         = { api_version = "eventing.knative.dev/v1alpha1", kind = "KafkaSink", name = "dead-letters" }
  labels                   = local.labels
}

# The dead-letter sink of every KafkaSource: a KafkaSink writing to the dead-letter topic, where the
# functions' own refusals go too; drey replay --topic <prefix>.drey.dead-letter re-runs them.
resource "kubernetes_manifest" "dead_letter_sink" {
  manifest = {
    apiVersion = "eventing.knative.dev/v1alpha1"
    kind       = "KafkaSink"
    metadata = {
      name      = "dead-letters"
      namespace = local.namespace
      labels    = local.labels
    }
    spec = {
      topic            = local.dead_letter_topic
      bootstrapServers = split(",", var.kafka_bootstrap_servers)
    }
  }
}
