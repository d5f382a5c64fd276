# Redis and relay-ingest were declared in redis.tf and relay.tf before modules/k8s-service:
# these blocks move the state of an existing deployment to the module's addresses instead of
# replacing the objects (a replaced claim would lose Redis's append-only file and the relay's
# index). Drop them once every deployment has applied them.

moved {
  from = kubernetes_persistent_volume_claim_v1.redis
  to   = module.redis.kubernetes_persistent_volume_claim_v1.data
}
moved {
  from = kubernetes_deployment_v1.redis
  to   = module.redis.kubernetes_deployment_v1.this
}
moved {
  from = kubernetes_service_v1.redis
  to   = module.redis.kubernetes_service_v1.this
}
moved {
  from = kubernetes_persistent_volume_claim_v1.relay_index
  to   = module.relay.kubernetes_persistent_volume_claim_v1.data
}
moved {
  from = kubernetes_deployment_v1.relay
  to   = module.relay.kubernetes_deployment_v1.this
}
moved {
  from = kubernetes_service_v1.relay
  to   = module.relay.kubernetes_service_v1.this
}
