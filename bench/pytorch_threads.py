"""Imported by the bench's PyTorch scripts before torch: sets how torch's threads wait.

Debian's torch runs its ops on GNU OpenMP threads and its matrix products on OpenBLAS's own pthreads. OpenMP's
threads spin after each parallel region by default and, on 2 vCPUs, take the cores from OpenBLAS's: measured
2026-12-05 on a 2-vCPU Zen 5, charlm_train 1,465 chars/s spinning against 6,579 with them sleeping (lstm_layer 51
against 236 GFLOP/s, the small model 5.5k-8.6k against 30k-37k chars/s; batch-1 sampling and sgemm unchanged).
PASSIVE lets them sleep: PyTorch as a user who tunes it would run it (set OMP_WAIT_POLICY to override)."""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
