from handslag.documents.tests.factories import _media, team  # noqa: F401
