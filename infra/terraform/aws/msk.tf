# Kafka: MSK Serverless or a provisioned MSK cluster, both with IAM client authentication so the
# functions' and the relay's roles decide who reads and writes which topic.

locals {
  serverless = var.msk_mode == "serverless"

  msk_cluster_arn = local.serverless ? aws_msk_serverless_cluster.this[0].arn : aws_msk_cluster.this[0].arn
  msk_bootstrap_servers = (local.serverless
    ? aws_msk_serverless_cluster.this[0].bootstrap_brokers_sasl_iam
  : aws_msk_cluster.this[0].bootstrap_brokers_sasl_iam)
}

resource "aws_security_group" "msk" {
  name        = "${var.name_prefix}-msk"
  description = "Drey MSK brokers: SASL/IAM (9098) from the functions and the relay"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "msk_from_functions" {
  security_group_id            = aws_security_group.msk.id
  description                  = "Lambda functions"
  referenced_security_group_id = aws_security_group.functions.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
}

resource "aws_vpc_security_group_ingress_rule" "msk_from_relay" {
  security_group_id            = aws_security_group.msk.id
  description                  = "relay-ingest tasks"
  referenced_security_group_id = aws_security_group.relay_tasks.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
}

# The Lambda service polls MSK from network interfaces in the cluster's own subnets with the
# cluster's security group, so the group must admit itself and allow outbound traffic.
resource "aws_vpc_security_group_ingress_rule" "msk_from_itself" {
  security_group_id            = aws_security_group.msk.id
  description                  = "MSK event-source pollers (they use the cluster's security group)"
  referenced_security_group_id = aws_security_group.msk.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
}

resource "aws_vpc_security_group_egress_rule" "msk_out" {
  security_group_id = aws_security_group.msk.id
  description       = "pollers to the brokers and to the Lambda/STS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_msk_serverless_cluster" "this" {
  count        = local.serverless ? 1 : 0
  cluster_name = "${var.name_prefix}-kafka"

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.msk.id]
  }

  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

# A provisioned cluster creates a topic the first time a client writes to it (the relay writes
# every family topic, the functions the outbox), with these defaults. MSK Serverless has no
# such setting: there, create the topics once as the README's "Topics" step shows.
resource "aws_msk_configuration" "this" {
  count          = local.serverless ? 0 : 1
  name           = "${var.name_prefix}-kafka"
  kafka_versions = [var.msk_kafka_version]
  server_properties = join("\n", [
    "auto.create.topics.enable=true",
    "num.partitions=${var.topic_partitions}",
    "default.replication.factor=${var.topic_replication_factor}",
    "min.insync.replicas=${max(1, var.topic_replication_factor - 1)}",
    "unclean.leader.election.enable=false",
  ])
}

resource "aws_msk_cluster" "this" {
  count                  = local.serverless ? 0 : 1
  cluster_name           = "${var.name_prefix}-kafka"
  kafka_version          = var.msk_kafka_version
  number_of_broker_nodes = var.msk_broker_count

  broker_node_group_info {
    instance_type   = var.msk_broker_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.msk.id]
    storage_info {
      ebs_storage_info {
        volume_size = var.msk_broker_volume_gb
      }
    }
  }

  client_authentication {
    sasl {
      iam = true
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this[0].arn
    revision = aws_msk_configuration.this[0].latest_revision
  }
}
