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

# The functions' key: it opens their key file (identity key, FROST share, DTA share). Only the
# functions' roles may use it.
resource "aws_kms_key" "secrets" {
  description             = "Drey Miner ${var.name_prefix}: envelope encryption of the functions' identity key, FROST share and DTA share"
  deletion_window_in_days = var.kms_deletion_window_days
  enable_key_rotation     = true
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${var.name_prefix}-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

# The relay's own key: it opens only the relay's key file (its identity key). The internet-facing
# relay's role is granted this key and never the functions' one, so a compromised relay exposes no share.
resource "aws_kms_key" "relay" {
  description             = "Drey Miner ${var.name_prefix}: envelope encryption of the relay's identity key"
  deletion_window_in_days = var.kms_deletion_window_days
  enable_key_rotation     = true
}

resource "aws_kms_alias" "relay" {
  name          = "alias/${var.name_prefix}-relay"
  target_key_id = aws_kms_key.relay.key_id
}
