"""Staff pages about website visitors (seed ch. 2)."""
