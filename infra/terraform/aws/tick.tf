# The periodic tick (NostrFunction#tick) of the functions with deadlines: infra/functions.json marks them
# "tick": true (the ROAST orchestrator, which fails runs past drey.roast.run-timeout on it, and the DKG, which
# fails runs past drey.dkg.run-timeout). Nothing runs
# inside Lambda between invocations, so an EventBridge schedule invokes the function with a scheduled event
# ("source": "aws.events", "detail-type": "Scheduled Event"); LambdaEntry runs the tick at the event's
# "time". A failed tick fails the invocation; the next one comes a minute later anyway.

resource "aws_cloudwatch_event_rule" "roast_orchestrator_tick" {
  name                = "${var.name_prefix}-roast-orchestrator-tick"
  description         = "Drey Miner roast-orchestrator: the periodic tick (fails ROAST runs past their deadline)"
  schedule_expression = "rate(1 minute)"
}

resource "aws_cloudwatch_event_target" "roast_orchestrator_tick" {
  rule      = aws_cloudwatch_event_rule.roast_orchestrator_tick.name
  target_id = "roast-orchestrator"
  arn       = module.function["roast-orchestrator"].function_arn
}

resource "aws_lambda_permission" "roast_orchestrator_tick" {
  statement_id  = "AllowTickFromEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = module.function["roast-orchestrator"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.roast_orchestrator_tick.arn
}

resource "aws_cloudwatch_event_rule" "dkg_tick" {
  name                = "${var.name_prefix}-dkg-tick"
  description         = "Drey Miner dkg: the periodic tick (fails DKG runs past their deadline)"
  schedule_expression = "rate(1 minute)"
}

resource "aws_cloudwatch_event_target" "dkg_tick" {
  rule      = aws_cloudwatch_event_rule.dkg_tick.name
  target_id = "dkg"
  arn       = module.function["dkg"].function_arn
}

resource "aws_lambda_permission" "dkg_tick" {
  statement_id  = "AllowTickFromEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = module.function["dkg"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.dkg_tick.arn
}
