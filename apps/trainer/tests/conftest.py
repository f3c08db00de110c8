import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from loris_trainer.synthetic import write_corpus  # noqa: E402

# One intra-op thread: the suite shares 2 cores with other jobs, and OpenMP spin-waits under contention.
torch.set_num_threads(1)

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """Four 3-second examples: two train, one val, one test."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), count=4, seconds=3.0, seed=7)


def run_env() -> dict:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["OMP_NUM_THREADS"] = "1"
    return env
