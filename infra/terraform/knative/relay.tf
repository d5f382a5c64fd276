# relay-ingest: the miner's private nostr relay, a long-running Deployment (websockets do not
# suit scale-to-zero) and a Service in front of it.

locals {
  relay_name = "relay-ingest"
  relay_port = 8080
}

module "relay" {
  source = "../modules/k8s-service"

  name      = local.relay_name
  namespace = local.namespace
  labels    = local.labels
  image     = var.relay_image
  environment = merge({
    KAFKA_BOOTSTRAP_SERVERS  = var.kafka_bootstrap_servers
    RELAY_KAFKA_TOPIC_PREFIX = var.topic_prefix
    RELAY_DATA_DIR           = "/data"
    QUARKUS_HTTP_PORT        = tostring(local.relay_port)
    RELAY_PUBLIC_URL         = var.relay_public_url
  }, var.kafka_environment, var.relay_environment)
  # The relay's own Secret: its key file (identity key only) and passphrase, never the functions' shares.
  secret_name     = kubernetes_secret_v1.relay.metadata[0].name
  container_port  = local.relay_port
  port_name       = "http"
  service_port    = 80
  service_type    = var.relay_service_type
  readiness_probe = { http_path = "/q/health/ready" }
  liveness_probe  = { http_path = "/q/health/live", initial_delay_seconds = 30, period_seconds = 20 }
  # The index is a single-writer MVStore file.
  data_volume = { name = "index", mount_path = "/data", claim_name = "${local.relay_name}-index", storage = var.relay_index_storage }
}

resource "kubernetes_secret_v1" "relay" {
  metadata {
    name      = "${local.relay_name}-secrets"
    namespace = local.namespace
    labels    = local.labels
  }
  data = {
    DREY_SECRETS_BACKEND     = "file"
    DREY_SECRETS_FILE_BASE64 = filebase64(var.relay_key_file)
    DREY_SECRETS_PASSPHRASE  = var.relay_key_passphrase
  }
}
