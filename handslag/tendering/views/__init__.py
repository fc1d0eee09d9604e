"""Tendering's pages by part: the supplier's tenders, the opening, and negotiation rounds
with their confidential channels."""
