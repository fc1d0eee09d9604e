"""Settings for bench_deadline_surge.py only: the product's settings plus the bench URLconf."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.surge_urls"
# Fast hashing for the thousands of bench accounts; nobody signs in with a password here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
