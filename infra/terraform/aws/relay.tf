# relay-ingest: the miner's private nostr relay, a long-running Fargate service behind an
# Application Load Balancer (ALB HTTP/HTTPS listeners carry websocket upgrades as they are).

locals {
  relay_name         = "${var.name_prefix}-relay-ingest"
  relay_port         = 8080
  relay_https        = var.relay_certificate_arn != ""
  topic_arn_stem     = replace(local.msk_cluster_arn, ":cluster/", ":topic/")
  group_arn_stem     = replace(local.msk_cluster_arn, ":cluster/", ":group/")
  relay_read_topics  = [for t in local.topics : local.topic_names[t]]
  relay_write_topics = [for t in local.topics : local.topic_names[t] if t != local.outbox_topic]
}

resource "aws_cloudwatch_log_group" "relay" {
  name              = "/ecs/${local.relay_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_ecs_cluster" "this" {
  name = "${var.name_prefix}-miner"
}

# --- security groups -------------------------------------------------------------------------

resource "aws_security_group" "relay_alb" {
  name        = "${var.name_prefix}-relay-alb"
  description = "Drey relay load balancer: ws/wss from clients and peer miners"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  for_each          = toset(var.relay_allowed_cidrs)
  security_group_id = aws_security_group.relay_alb.id
  description       = "HTTP / ws (redirected to HTTPS when a certificate is set)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each          = local.relay_https ? toset(var.relay_allowed_cidrs) : toset([])
  security_group_id = aws_security_group.relay_alb.id
  description       = "HTTPS / wss"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_relay" {
  security_group_id            = aws_security_group.relay_alb.id
  description                  = "to the relay tasks"
  referenced_security_group_id = aws_security_group.relay_tasks.id
  ip_protocol                  = "tcp"
  from_port                    = local.relay_port
  to_port                      = local.relay_port
}

resource "aws_security_group" "relay_tasks" {
  name        = "${var.name_prefix}-relay-tasks"
  description = "Drey relay tasks: from the load balancer only; out to MSK, peer relays, AWS APIs"
  vpc_id      = var.vpc_id

  egress {
    description = "MSK, peer miners' relays (wss), AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "relay_from_alb" {
  security_group_id            = aws_security_group.relay_tasks.id
  description                  = "the load balancer"
  referenced_security_group_id = aws_security_group.relay_alb.id
  ip_protocol                  = "tcp"
  from_port                    = local.relay_port
  to_port                      = local.relay_port
}

# --- load balancer ---------------------------------------------------------------------------

resource "aws_lb" "relay" {
  name               = substr("${var.name_prefix}-relay", 0, 32)
  load_balancer_type = "application"
  internal           = false
  subnets            = var.public_subnet_ids
  security_groups    = [aws_security_group.relay_alb.id]
  # Websockets stay open while frames flow; a quiet connection closes after this many seconds.
  idle_timeout = var.relay_idle_timeout_s
}

resource "aws_lb_target_group" "relay" {
  name        = substr("${var.name_prefix}-relay", 0, 32)
  port        = local.relay_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  # Open websockets get time to close when a task is replaced.
  deregistration_delay = 60

  # NIP-42 sessions are per connection; stickiness keeps a reconnecting client on its task.
  stickiness {
    type    = "lb_cookie"
    enabled = true
  }

  health_check {
    path                = "/q/health/ready"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "relay_http" {
  load_balancer_arn = aws_lb.relay.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.relay_https ? "redirect" : "forward"
    target_group_arn = local.relay_https ? null : aws_lb_target_group.relay.arn

    dynamic "redirect" {
      for_each = local.relay_https ? [1] : []
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "relay_https" {
  count             = local.relay_https ? 1 : 0
  load_balancer_arn = aws_lb.relay.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.relay_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.relay.arn
  }
}

# --- IAM -------------------------------------------------------------------------------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Execution role: what ECS itself needs to start the task (pull the image, ship the logs).
resource "aws_iam_role" "relay_execution" {
  name               = "${local.relay_name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "relay_execution" {
  # GetAuthorizationToken has no resource-level permissions; the pulls are any repository the
  # image may live in (narrow to one repository ARN if you keep the image in ECR).
  statement {
    sid       = "PullImage"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = ["*"]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.relay.arn}:*"]
  }
}

resource "aws_iam_role_policy" "relay_execution" {
  name   = "${local.relay_name}-execution"
  role   = aws_iam_role.relay_execution.id
  policy = data.aws_iam_policy_document.relay_execution.json
}

# Task role: what the relay process does. It appends to every family topic, reads them back
# (its query index is a view of the log) and reads the outbox; its consumer groups start with
# its name; its identity key is sealed with the relay's own KMS key (never the functions' one).
resource "aws_iam_role" "relay_task" {
  name               = "${local.relay_name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "relay_task" {
  statement {
    sid       = "MskConnect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration", "kafka-cluster:WriteDataIdempotently"]
    resources = [local.msk_cluster_arn]
  }
  statement {
    sid       = "ReadTopics"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = [for t in local.relay_read_topics : "${local.topic_arn_stem}/${t}"]
  }
  statement {
    sid       = "AppendEvents"
    actions   = ["kafka-cluster:WriteData"]
    resources = [for t in local.relay_write_topics : "${local.topic_arn_stem}/${t}"]
  }
  statement {
    sid       = "OwnConsumerGroups"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
    resources = ["${local.group_arn_stem}/${local.relay_name}*"]
  }
  statement {
    sid       = "IdentityKeyEnvelope"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.relay.arn]
  }
}

resource "aws_iam_role_policy" "relay_task" {
  name   = "${local.relay_name}-task"
  role   = aws_iam_role.relay_task.id
  policy = data.aws_iam_policy_document.relay_task.json
}

# --- task and service ------------------------------------------------------------------------

resource "aws_ecs_task_definition" "relay" {
  family                   = local.relay_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.relay_cpu
  memory                   = var.relay_memory_mb
  execution_role_arn       = aws_iam_role.relay_execution.arn
  task_role_arn            = aws_iam_role.relay_task.arn

  container_definitions = jsonencode([
    {
      name         = "relay-ingest"
      image        = var.relay_image
      essential    = true
      portMappings = [{ containerPort = local.relay_port, protocol = "tcp" }]
      # KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* are relay-ingest's kafka.* client settings: every
      # Kafka client of the relay (producer, topic admin, index feeder, outbox reader, health
      # probe) gets them. AWS_MSK_IAM needs the aws-msk-iam-auth library in the image; without it
      # the relay stops at start naming the missing callback handler class.
      environment = [
        for k, v in merge({
          KAFKA_BOOTSTRAP_SERVERS                  = local.msk_bootstrap_servers
          RELAY_KAFKA_TOPIC_PREFIX                 = var.topic_prefix
          KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
          KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
          KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
          KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
          DREY_SECRETS_BACKEND                     = "kms"
          DREY_KMS_KEY_ID                          = aws_kms_key.relay.arn
          DREY_SECRETS_FILE_BASE64                 = filebase64(var.relay_key_file)
          RELAY_DATA_DIR                           = "/tmp/relay-data"
          QUARKUS_HTTP_PORT                        = tostring(local.relay_port)
          # The URL AUTH (NIP-42) events must name; set RELAY_PUBLIC_URL in relay_environment when a DNS name
          # of your own points at the load balancer.
          RELAY_PUBLIC_URL = "${local.relay_https ? "wss" : "ws"}://${aws_lb.relay.dns_name}"
        }, var.relay_environment) : { name = k, value = v }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.relay.name
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = "relay"
        }
      }
    }
  ])
}

resource "aws_ecs_service" "relay" {
  name            = local.relay_name
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.relay.arn
  desired_count   = var.relay_desired_count
  launch_type     = "FARGATE"

  # The index is rebuilt from Kafka at start; give it time before health checks count.
  health_check_grace_period_seconds = 120

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.relay_tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.relay.arn
    container_name   = "relay-ingest"
    container_port   = local.relay_port
  }

  depends_on = [aws_lb_listener.relay_http, aws_lb_listener.relay_https]
}
