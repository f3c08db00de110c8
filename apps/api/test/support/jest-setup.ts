// Integration suites run against real Postgres, Redis and password hashing on a shared machine:
// allow seconds per test, not jest's default five.
jest.setTimeout(30_000);
