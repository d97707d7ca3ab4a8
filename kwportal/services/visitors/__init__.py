"""Use cases of the public site (seed ch. 2): cookie choices, statistics, newsletter,
callback requests and visitors' rights requests."""
