"""Partnership reads: contracts and phases, pilots and their KPIs."""
