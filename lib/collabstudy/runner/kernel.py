"""The project's Jupyter kernel: installed by `make setup`, checked and started by the runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..io.atomic import write_text
from ..study.errors import StudyInputError


def check_kernel(kernel: str) -> None:
    """The named kernel must start this very Python (the project's environment), not another one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        raise StudyInputError(f"Jupyter-kärnan '{kernel}' finns inte; kör 'make setup'.") from None
    executable = Path(spec.argv[0])
    if executable.resolve() != Path(sys.executable).resolve():
        raise StudyInputError(
            f"Jupyter-kärnan '{kernel}' startar {executable}, inte projektets Python ({sys.executable}); "
            "kör 'make setup' för att installera om kärnan."
        )


def install_kernel(name: str) -> Path:
    """Install the project's kernel into this environment (sys.prefix), started by this Python.

    Its log level is raised to errors: ipykernel otherwise warns on every start that local
    TCP is unencrypted, noise in every batch run (the kernel only listens on localhost).
    """
    from ipykernel.kernelspec import install

    folder = Path(install(kernel_name=name, display_name="Python (samverkansstudien)", prefix=sys.prefix))
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    spec["argv"] = [a for a in spec["argv"] if not a.startswith("--IPKernelApp.log_level")] + [
        "--IPKernelApp.log_level=ERROR"
    ]
    write_text(spec_file, json.dumps(spec, indent=1) + "\n")
    return folder


def quiet_kernel_manager():
    """jupyter_client's kernel manager, except that shutting down a kernel does not interrupt it first.

    jupyter_client sends SIGINT before every shutdown request, meant for a kernel that is still
    busy. After papermill has run the last cell the kernel is idle, and the signal only makes
    ipykernel log "KeyboardInterrupt caught in kernel." — error text in a successful run. A kernel
    that does not answer the shutdown request is still killed (jupyter_client's finish_shutdown).
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietShutdownKernelManager(AsyncKernelManager):
        # Local sockets (files in the temporary folder), not TCP ports: with TCP the client picks free ports
        # and the kernel binds them later, so kernels started side by side (make -j, the tests) can collide
        # ("Address already in use" from the kernel's heartbeat thread, printed in a successful run).
        def __init__(self, **kwargs):
            import tempfile
            import uuid

            super().__init__(**kwargs)
            self.transport = "ipc"  # jupyter_client removes the socket files as the kernel shuts down
            self.ip = str(Path(tempfile.gettempdir()) / f"collabstudy-kernel-{uuid.uuid4().hex[:12]}")

        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return QuietShutdownKernelManager
