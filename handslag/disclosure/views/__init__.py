"""Disclosure pages: the supplier's claims, the official's requests and cases, the requester's link."""
