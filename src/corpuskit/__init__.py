"""corpuskit: who copied whom and where the sources disagree."""

import os

# Work is spread over processes (``engines``); the matrices of one comparison are small, and a
# BLAS pool of threads per process only fights the other processes for the cores (ten times
# slower on a loaded machine).  Read by OpenBLAS when numpy is first imported: the command line
# always imports corpuskit first; a program that imported numpy before keeps its threads.  A
# caller's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
