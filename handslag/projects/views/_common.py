"""Helpers shared by the project views."""

PAGE_SIZE = 25
