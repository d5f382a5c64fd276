output "service_name" {
  description = "Name of the Service (its in-cluster DNS name is <name>.<namespace>.svc)."
  value       = kubernetes_service_v1.this.metadata[0].name
}
