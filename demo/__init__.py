"""Demo data (dữ liệu mẫu), a product of its own: one coherent year of the demo authority in
`fixtures/demo*.json`, the large synthetic authorities of the benchmarks, and the commands that
build, seed and serve them.

It sits above the domain apps: it imports emulation, awards and documents, and none of them
imports it. By feature:

- `plans`, `district`, `bench`, `writers`: an authority as a plan (units, people, posts,
  accounts) — the demo authority of `fixtures/demo.json` or a benchmark authority — written as
  fixture records or inserted with `bulk_create`;
- `targets`, `awards`: the demo's targets and awards records, seeded through the services;
- `pledges`, `movements`, `scoring`: the demo's pledges, movements and scoring, made by the
  services on a database holding the demo and rolled back;
- `fixtures`: the one fixture builder every `build_*_fixture` command and `--fixture` option
  uses.

Every person's name is invented from common Vietnamese family, middle and given names; no real
official is named.
"""
