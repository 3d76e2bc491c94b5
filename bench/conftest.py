"""Reuse the test suite's fixtures (users, live server browser, lab demo content) for the benchmarks."""

import tests.conftest as _base
import tests.jupyterlite.conftest as _lab

for _module in (_base, _lab):
    globals().update({k: v for k, v in vars(_module).items() if not k.startswith("__")})
