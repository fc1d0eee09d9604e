"""Test support shared by every app's tests: one set of factories for the objects many apps
build on (people, organisations, projects, needs, calls, applications), the persona matrix
and the demo database built once per test run. Production code never imports it."""
