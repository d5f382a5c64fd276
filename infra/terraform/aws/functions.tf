# The functions and the topics each consumes. Mirrors infra/functions.json (the CI check fails
# when the two differ); sizes are this environment's defaults (override with lambda_overrides).
locals {
  functions = {
    signer = {
      topics    = ["drey.sign", "drey.issuance", "drey.vote"]
      memory_mb = 1024
      timeout_s = 60
    }
    roast-orchestrator = {
      topics    = ["drey.sign"]
      memory_mb = 1024
      timeout_s = 60
    }
    dta-function = {
      topics    = ["drey.dta"]
      memory_mb = 1536
      timeout_s = 60
    }
    mpin-function = {
      topics    = ["drey.mpin"]
      memory_mb = 1536
      timeout_s = 60
    }
    dkg = {
      topics    = ["drey.dkg"]
      memory_mb = 1024
      timeout_s = 60
    }
    vote = {
      topics    = ["drey.vote"]
      memory_mb = 1024
      timeout_s = 60
    }
  }

  # Every topic a deployment has: one per message family plus the outbox.
  topics       = ["drey.dkg", "drey.sign", "drey.dta", "drey.mpin", "drey.pol", "drey.issuance", "drey.beacon", "drey.vote", "drey.other", "drey.outbox"]
  outbox_topic = "drey.outbox"
  topic_names  = { for t in local.topics : t => (var.topic_prefix == "" ? t : "${var.topic_prefix}.${t}") }

  # What every function needs to start besides the module's own settings: the federation, the
  # functions' key file (KMS envelope-sealed, never the relay's), the relays to deliver to. Each
  # function's own settings come from var.function_settings[name]; the Terraform check evaluates the
  # result with terraform.tfvars.example against infra/required-settings.json.
  function_environment = {
    DREY_FEDERATION_JSON     = var.federation_json
    DREY_SECRETS_FILE_BASE64 = filebase64(var.function_key_file)
    DREY_RELAYS_DEFAULT      = var.relay_urls
    DREY_RELAYS_ROSTER       = var.relay_roster
  }
}

# The deployment zips go through S3: they are over Lambda's direct-upload limit.
resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "${var.name_prefix}-artifacts-"
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_object" "artifact" {
  for_each = local.functions

  bucket      = aws_s3_bucket.artifacts.id
  key         = "${each.key}/function.zip"
  source      = var.lambda_artifacts[each.key]
  source_hash = filemd5(var.lambda_artifacts[each.key])
}

module "function" {
  source   = "../modules/lambda-function"
  for_each = local.functions

  name               = each.key
  function_name      = "${var.name_prefix}-${each.key}"
  handler            = coalesce(try(var.lambda_overrides[each.key].handler, null), var.lambda_handler)
  artifact_bucket    = aws_s3_object.artifact[each.key].bucket
  artifact_key       = aws_s3_object.artifact[each.key].key
  artifact_hash      = filebase64sha256(var.lambda_artifacts[each.key])
  memory_mb          = coalesce(try(var.lambda_overrides[each.key].memory_mb, null), each.value.memory_mb)
  timeout_s          = coalesce(try(var.lambda_overrides[each.key].timeout_s, null), each.value.timeout_s)
  batch_size         = coalesce(try(var.lambda_overrides[each.key].batch_size, null), 100)
  environment        = merge(local.function_environment, try(var.function_settings[each.key], {}), try(var.lambda_overrides[each.key].environment, {}))
  topics             = each.value.topics
  outbox_topic       = local.outbox_topic
  topic_prefix       = var.topic_prefix
  starting_position  = var.lambda_starting_position
  log_retention_days = var.log_retention_days

  cluster_arn        = local.msk_cluster_arn
  bootstrap_servers  = local.msk_bootstrap_servers
  subnet_ids         = var.private_subnet_ids
  security_group_ids = [aws_security_group.functions.id]

  kv_table_name = aws_dynamodb_table.kv.name
  kv_table_arn  = aws_dynamodb_table.kv.arn
  kms_key_arn   = aws_kms_key.secrets.arn

  tags = var.tags
}

resource "aws_security_group" "functions" {
  name        = "${var.name_prefix}-functions"
  description = "Drey Lambda functions: outbound only (MSK, AWS APIs)"
  vpc_id      = var.vpc_id

  egress {
    description = "MSK brokers and AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
