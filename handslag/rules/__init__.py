"""Shared rules and vocabulary with no Django in them: the bottom layer of handslag.

What lives here is true whatever the web framework: the legal clock of Swedish public
procurement, how numbers and kronor are written, the codes of benefit categories and
the check of an organisation number. Keeping it free of Django means it can be tested
and reused alone, and that no app has to reach up into another for a shared rule.
Nothing here may import ``django``; ``tests/test_django_free.py`` holds that line.
"""
