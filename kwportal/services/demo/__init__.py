"""Demo and scale data: the fixed demo accounts, deterministic people and cases with
canaries in every medical text. Builds through the same services the pages call."""
