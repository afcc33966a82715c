"""Writes about recognition, one module per label: `nql` (National Quality Label), `eql` (European Quality
Label round), `school` (school label), `prizes`, `rulesets` (the numbers of a school year)."""
