"""Use cases: take the actor, ask the policy, change data, audit in the same transaction,
return views holding only what may be seen."""
