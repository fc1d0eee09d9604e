"""handslag: innovation procurement for public buyers."""
