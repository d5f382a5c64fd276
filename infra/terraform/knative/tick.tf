# The periodic tick (NostrFunction#tick) of the functions with deadlines: infra/functions.json marks them
# "tick": true (the ROAST orchestrator, which fails runs past drey.roast.run-timeout on it, and the DKG, which
# fails runs past drey.dkg.run-timeout). A Knative
# Service only runs while requests come (it may scale to zero), so a PingSource POSTs a CloudEvent
# (ce-type dev.knative.sources.ping) to the function's Service every minute; CloudEventResource runs the
# tick at its ce-time (200; 503 if the tick failed, and the next ping ticks again).

resource "kubernetes_manifest" "roast_orchestrator_tick" {
  manifest = {
    apiVersion = "sources.knative.dev/v1"
    kind       = "PingSource"
    metadata = {
      name      = "roast-orchestrator-tick"
      namespace = local.namespace
      labels    = merge(local.labels, { "drey.dev/function" = "roast-orchestrator" })
    }
    spec = {
      schedule = "* * * * *"
      sink = {
        ref = {
          apiVersion = "serving.knative.dev/v1"
          kind       = "Service"
          name       = module.function["roast-orchestrator"].service_name
        }
      }
    }
  }
}

resource "kubernetes_manifest" "dkg_tick" {
  manifest = {
    apiVersion = "sources.knative.dev/v1"
    kind       = "PingSource"
    metadata = {
      name      = "dkg-tick"
      namespace = local.namespace
      labels    = merge(local.labels, { "drey.dev/function" = "dkg" })
    }
    spec = {
      schedule = "* * * * *"
      sink = {
        ref = {
          apiVersion = "serving.knative.dev/v1"
          kind       = "Service"
          name       = module.function["dkg"].service_name
        }
      }
    }
  }
}
