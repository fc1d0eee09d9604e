"""Partnership pages: contracts and phases, pilots and their KPIs, acquisition."""
