import sys
from pathlib import Path

# The synthetic data generator lives with the tests; the benchmarks use the same one.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
