# The KV store (ROAST state, consume-once nonces) and the key that seals the secrets at rest.

resource "aws_dynamodb_table" "kv" {
  name         = "${var.name_prefix}-kv"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "k"

  attribute {
    name = "k"
    type = "S"
  }

  # DynamoDB deletes expired items eventually; the store itself ignores items past expires_at_ms.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.kv_point_in_time_recovery
  }

  # Encrypted at rest with DynamoDB's own key; secret values are sealed with the KMS key below
  # by the functions before they are stored.
}

resource "aws_kms_key" "secrets" {
  description             = "Drey Miner ${var.name_prefix}: envelope encryption of identity key, FROST share and DTA share"
  deletion_window_in_days = var.kms_deletion_window_days
  enable_key_rotation     = true
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${var.name_prefix}-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}
