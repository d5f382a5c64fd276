# One Drey function as an AWS Lambda: its role (only its table, key, cluster, topics and consumer
# groups), its log group, the function (code from S3, SnapStart on published versions, invoked through
# the "live" alias), one MSK event-source mapping per consumed topic, and the SQS queue that receives
# what a mapping could not deliver (on-failure destination).

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_partition" "current" {}

locals {
  # Topics and groups live under the cluster's ARN: arn:...:cluster/<name>/<uuid> becomes
  # arn:...:topic/<name>/<uuid>/<topic> and arn:...:group/<name>/<uuid>/<group>.
  topic_arn_stem = replace(var.cluster_arn, ":cluster/", ":topic/")
  group_arn_stem = replace(var.cluster_arn, ":cluster/", ":group/")

  topic_names = {
    for t in concat(var.topics, [var.outbox_topic, var.dead_letter_topic]) : t => (var.topic_prefix == "" ? t : "${var.topic_prefix}.${t}")
  }

  # What every function gets; var.environment (its settings, from the environment's map) adds to it.
  # The Terraform check evaluates local.environment against infra/required-settings.json.
  base_environment = {
    DREY_FUNCTION                            = var.name
    DREY_ADAPTER                             = "lambda"
    DREY_KV_BACKEND                          = "dynamodb"
    DREY_KV_DYNAMODB_TABLE                   = var.kv_table_name
    DREY_SECRETS_BACKEND                     = "kms"
    DREY_KMS_KEY_ID                          = var.kms_key_arn
    KAFKA_BOOTSTRAP_SERVERS                  = var.bootstrap_servers
    DREY_KAFKA_TOPIC_PREFIX                  = var.topic_prefix
    KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
    KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
    KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  }
  environment = merge(local.base_environment, var.environment)

  # One consumer group per mapping (Lambda requires them unique); the role may use only these.
  consumer_groups = { for t in var.topics : t => "${var.function_name}-${replace(t, ".", "-")}" }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.function_name}-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  # Network interfaces in the VPC (for the function and its MSK poller). EC2 has no resource-level
  # permissions for the Describe calls, so these cannot be narrowed further.
  statement {
    sid = "VpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "MskClusterDiscovery"
    actions   = ["kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"]
    resources = [var.cluster_arn]
  }

  statement {
    sid = "MskConnect"
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeClusterDynamicConfiguration",
      "kafka-cluster:WriteDataIdempotently",
    ]
    resources = [var.cluster_arn]
  }

  statement {
    sid       = "ReadConsumedTopics"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = [for t in var.topics : "${local.topic_arn_stem}/${local.topic_names[t]}"]
  }

  statement {
    sid       = "OwnConsumerGroups"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
    resources = [for g in values(local.consumer_groups) : "${local.group_arn_stem}/${g}"]
  }

  # The outbox, and the dead-letter topic records that can never be handled go to (with their reason).
  statement {
    sid     = "WriteOutbox"
    actions = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = [
      "${local.topic_arn_stem}/${local.topic_names[var.outbox_topic]}",
      "${local.topic_arn_stem}/${local.topic_names[var.dead_letter_topic]}",
    ]
  }

  # The KV store's calls: get (consistent read), conditional put (put-if-absent, compare-and-set),
  # delete with ALL_OLD (consume-once). No scans, no table management.
  statement {
    sid       = "KvStore"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
    resources = [var.kv_table_arn]
  }

  # Envelope encryption of the secrets at rest: a fresh data key to seal, Decrypt to open.
  statement {
    sid       = "SecretsEnvelope"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]
  }

  # The mappings' on-failure destination: a batch that exhausted its retries is described there
  # (topic, partition, offsets) so `drey replay --from-offset` can re-run it.
  statement {
    sid       = "OnFailureDestination"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failures.arn]
  }
}

resource "aws_sqs_queue" "failures" {
  name                      = "${var.function_name}-failures"
  message_retention_seconds = 1209600 # 14 days, SQS's maximum: time to replay
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.function_name}-least-privilege"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = "Drey Miner ${var.name}: consumes ${join(", ", [for t in var.topics : local.topic_names[t]])}"
  role             = aws_iam_role.this.arn
  runtime          = "java17"
  handler          = var.handler
  s3_bucket        = var.artifact_bucket
  s3_key           = var.artifact_key
  source_code_hash = var.artifact_hash
  memory_size      = var.memory_mb
  timeout          = var.timeout_s
  architectures    = ["x86_64"]

  # SnapStart restores published versions from a snapshot taken after init; the artifact's
  # RestoreReseed hook replaces the random source after every restore, so no nonce repeats.
  publish = true
  snap_start {
    apply_on = "PublishedVersions"
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  environment {
    variables = local.environment
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
  tags       = var.tags
}

# The mappings invoke this alias: SnapStart applies to published versions only.
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_lambda_event_source_mapping" "topic" {
  for_each = toset(var.topics)

  event_source_arn  = var.cluster_arn
  function_name     = aws_lambda_alias.live.arn
  topics            = [local.topic_names[each.key]]
  starting_position = var.starting_position
  batch_size        = var.batch_size

  amazon_managed_kafka_event_source_config {
    consumer_group_id = local.consumer_groups[each.key]
  }

  # A batch that still fails after the retries is described on the queue instead of blocking the
  # partition forever; records the function refuses are already on the dead-letter topic.
  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.failures.arn
    }
  }

  # The mapping validates its permissions when created.
  depends_on = [aws_iam_role_policy.this]
  tags       = var.tags
}
