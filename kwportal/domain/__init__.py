"""Pure rules: no Reflex, no database. Imports nothing of kwportal but itself."""
