"""A private Docker engine and the images of the container stack, built from nothing.

Used by tests/deploy/test_stack.py (and runnable by hand: `python -m tests.deploy.engine`
builds everything and prints the figures). What it does, in order:

1. installs Debian's `docker.io`, `docker-compose` and `debootstrap` when missing (root);
2. starts `dockerd` on a private socket with its own data and exec roots in a temporary
   folder (nothing of the machine's own Docker, if any, is touched) and waits for it;
3. makes the base images that cannot be pulled here (no registry is reachable):
   - `meso-local/debian:bookworm`: `debootstrap --variant=minbase bookworm` with the
     shared libraries CPython needs, the host's CA bundle (this network intercepts TLS),
     then `docker import`;
   - `meso-local/python:3.10`: that + the host's CPython 3.10 (the one .venv was made
     from) copied to /usr/local, pip from ensurepip (tests/deploy/images/python.Dockerfile);
   - `meso-local/node:20`: that + the host's Node.js 20 and npm;
   - `meso-local/{postgres,redis,nginx}`: stand-ins for the public images the compose file
     names, from Debian's packages (tests/deploy/images/services.Dockerfile);
4. builds the project's image from deploy/Dockerfile, unchanged, with only BASE_IMAGE and
   NODE_IMAGE set to the local bases;
5. at the end, stops dockerd by its PID and deletes its folder (images, containers,
   volumes and networks all lived there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parents[2]
IMAGES = Path(__file__).resolve().parent / "images"
DEBIAN_MIRROR = os.environ.get("MESO_DEBIAN_MIRROR", "http://deb.debian.org/debian")
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
# The shared libraries the host's CPython 3.10 links its extension modules against
# (ssl, ctypes, sqlite3, readline, curses, dbm, uuid, lzma, bz2, zlib, expat).
PYTHON_LIBS = (
    "ca-certificates,libssl3,libffi8,libsqlite3-0,libreadline8,libncursesw6,libexpat1,"
    "libuuid1,libbz2-1.0,liblzma5,zlib1g,libgdbm6,libgdbm-compat4"
)
DEBIAN_IMAGE = "meso-local/debian:bookworm"
PYTHON_IMAGE = "meso-local/python:3.10"
NODE_IMAGE = "meso-local/node:20"
SERVICE_IMAGES = {s: f"meso-local/{s}:bookworm" for s in ("postgres", "redis", "nginx")}
ASSISTANT_IMAGE = "meso-assistant:stack-test"
PACKAGES = {
    "dockerd": "docker.io",
    "docker-compose": "docker-compose",
    "debootstrap": "debootstrap",
}
# the docker.io package's own client: its BuildKit needs no buildx plugin
DOCKER = "/usr/bin/docker"


class EngineUnavailable(Exception):
    """This machine cannot run containers (the reason is the message)."""


def run(
    args: Sequence[str],
    env: Optional[Dict[str, str]] = None,
    timeout: float = 1800,
    check: bool = True,
    stdin: Optional[bytes] = None,
) -> subprocess.CompletedProcess:
    """Run a command, capturing its output; a failure shows the output's tail."""
    done = subprocess.run(
        list(args), env=env, input=stdin, capture_output=True, timeout=timeout, check=False
    )
    if check and done.returncode != 0:
        tail = (done.stdout + done.stderr).decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"{' '.join(args[:6])} ... exited {done.returncode}:\n{tail}")
    return done


def ensure_packages() -> List[str]:
    """Install the engine's Debian packages when missing; the ones installed."""
    missing = [pkg for tool, pkg in PACKAGES.items() if shutil.which(tool) is None]
    if not Path(DOCKER).exists() and "docker.io" not in missing:
        missing.append("docker.io")
    if not missing:
        return []
    if os.geteuid() != 0:
        raise EngineUnavailable(
            f"not root: cannot install {' '.join(missing)} nor run dockerd (CI runs as root)"
        )
    if shutil.which("apt-get") is None:
        raise EngineUnavailable("no apt-get to install " + " ".join(missing))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        run(["apt-get", "update", "-qq"], env=env, timeout=600)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env,
            timeout=900)  # fmt: skip
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        raise EngineUnavailable(f"could not install {' '.join(missing)}: {err}") from err
    return missing


class Engine:
    """dockerd on a private socket, with everything it stores in one temporary folder."""

    def __init__(self, attach: Optional[str] = None) -> None:
        # attach: the socket of an engine started beforehand (development: reuse its images
        # and layers); it is neither started nor stopped here.
        self.attached = bool(attach)
        self.dir = Path(tempfile.mkdtemp(prefix="meso-engine-"))
        self.socket = Path(attach) if attach else self.dir / "docker.sock"
        self.proc: Optional[subprocess.Popen] = None
        self.log = self.dir / "dockerd.log"
        self.had_docker0 = Path("/sys/class/net/docker0").exists()
        self.env = {
            **os.environ,
            "DOCKER_HOST": f"unix://{self.socket}",
            "DOCKER_BUILDKIT": "1",
            "COMPOSE_DOCKER_CLI_BUILD": "1",
        }
        self.env.pop("DOCKER_CONTEXT", None)

    def start(self, timeout: float = 90) -> None:
        """Start dockerd and wait until it answers (EngineUnavailable if it cannot)."""
        ensure_packages()
        if self.attached:
            if self.docker("version", check=False).returncode != 0:
                raise EngineUnavailable(f"no engine answers on {self.socket}")
            return
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                ["dockerd", "--data-root", str(self.dir / "data"),
                 "--exec-root", str(self.dir / "exec"), "--pidfile", str(self.dir / "pid"),
                 "-H", f"unix://{self.socket}", "--log-level", "warn"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            if self.socket.exists() and self.docker("version", check=False).returncode == 0:
                return
            time.sleep(0.5)
        tail = self.log.read_text("utf-8", "replace")[-1500:]
        self.stop()
        raise EngineUnavailable(f"dockerd did not start:\n{tail}")

    def docker(self, *args: str, check: bool = True, timeout: float = 1800,
               stdin: Optional[bytes] = None) -> subprocess.CompletedProcess:  # fmt: skip
        """A docker command against this engine."""
        return run([DOCKER, *args], env=self.env, timeout=timeout, check=check, stdin=stdin)

    def stop(self) -> None:
        """Stop dockerd by its PID (it stops its containers), then delete its folder."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.proc = None
        # overlay mounts left by a killed engine would make the folder undeletable
        mounts = Path("/proc/mounts").read_text("utf-8").splitlines()
        for line in reversed(mounts):
            target = line.split()[1]
            if target.startswith(str(self.dir)):
                subprocess.run(["umount", "-l", target], check=False, capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        if not self.had_docker0 and Path("/sys/class/net/docker0").exists():
            subprocess.run(["ip", "link", "delete", "docker0"], check=False, capture_output=True)

    def image_size(self, image: str) -> int:
        """An image's size in bytes, as `docker images` reports it."""
        out = self.docker("image", "inspect", "-f", "{{.Size}}", image).stdout
        return int(out.decode().strip())


def python_prefix() -> Path:
    """The CPython 3.10 installation the project's .venv was made from."""
    if sys.version_info[:2] == (3, 10):
        return Path(sys.base_prefix)
    venv_python = ROOT / ".venv" / "bin" / "python"
    out = run([str(venv_python), "-c", "import sys; print(sys.base_prefix)"]).stdout
    return Path(out.decode().strip())


def python_context(target: Path) -> Path:
    """Build context for python.Dockerfile: the interpreter and its standard library only."""
    prefix = python_prefix()
    version = "python3.10"
    skip = shutil.ignore_patterns(
        "test", "tests", "idle_test", "idlelib", "tkinter", "turtledemo", "__pycache__",
        "site-packages", "config-3.10-*", "*.exe", "lib2to3",
    )  # fmt: skip
    python = target / "python"
    (python / "bin").mkdir(parents=True)
    shutil.copy2(prefix / "bin" / version, python / "bin" / version)
    shutil.copytree(prefix / "lib" / version, python / "lib" / version, ignore=skip)
    (python / "lib" / version / "site-packages").mkdir()
    for lib in (prefix / "lib").glob("libpython3*"):
        if lib.is_symlink():
            (python / "lib" / lib.name).symlink_to(os.readlink(lib))
        else:
            shutil.copy2(lib, python / "lib" / lib.name)
    return target


def node_context(target: Path) -> Path:
    """Build context for node.Dockerfile: the host's node binary and npm."""
    node = Path(os.path.realpath(shutil.which("node") or "/usr/bin/node"))
    npm = Path(os.path.realpath(shutil.which("npm") or "/usr/bin/npm")).parents[1]
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(node, target / "node")
    shutil.copytree(npm, target / "npm", symlinks=True)
    return target


class Images:
    """The stack's images on an engine, with how long each step took."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seconds: Dict[str, float] = {}
        self.work = engine.dir / "build"
        self.work.mkdir(exist_ok=True)

    def _timed(self, name: str, started: float) -> None:
        self.seconds[name] = round(time.monotonic() - started, 1)

    def debian(self) -> None:
        """debootstrap minbase bookworm (+ CPython's libraries, host CA) -> docker import."""
        started = time.monotonic()
        if self.engine.attached and self.engine.docker("image", "inspect", DEBIAN_IMAGE,
                                                       check=False).returncode == 0:  # fmt: skip
            return
        rootfs = self.work / "rootfs"
        run(["debootstrap", "--variant=minbase", f"--include={PYTHON_LIBS}", "bookworm",
             str(rootfs), DEBIAN_MIRROR], timeout=900)  # fmt: skip
        if HOST_CA_BUNDLE.exists():
            shutil.copy2(HOST_CA_BUNDLE, rootfs / "etc/ssl/certs/ca-certificates.crt")
        for junk in ("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc",
                     "usr/share/man", "usr/share/locale", "usr/share/info"):  # fmt: skip
            for child in (rootfs / junk).glob("*"):
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                elif child.name not in ("lock", "partial"):
                    child.unlink(missing_ok=True)
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        imported = subprocess.run(
            [DOCKER, "import", "-c", "CMD [\"bash\"]", "-", DEBIAN_IMAGE],
            stdin=tar.stdout, env=self.engine.env, capture_output=True, timeout=600,
        )  # fmt: skip
        tar.wait()
        if imported.returncode != 0:
            raise RuntimeError(f"docker import failed: {imported.stderr.decode()[-2000:]}")
        shutil.rmtree(rootfs, ignore_errors=True)
        self._timed("debian_base", started)

    def build(
        self,
        name: str,
        dockerfile: Path,
        context: Path,
        tag: str,
        args: Optional[Dict[str, str]] = None,
        target: Optional[str] = None,
    ) -> None:
        """docker build, timed."""
        started = time.monotonic()
        command = ["build", "--progress=plain", "-f", str(dockerfile), "-t", tag]
        for key, value in (args or {}).items():
            command += ["--build-arg", f"{key}={value}"]
        if target:
            command += ["--target", target]
        self.engine.docker(*command, str(context), timeout=2400)
        self._timed(name, started)

    def python(self) -> None:
        """The Python 3.10 base."""
        context = python_context(self.work / "python")
        self.build("python_base", IMAGES / "python.Dockerfile", context, PYTHON_IMAGE,
                   {"DEBIAN_IMAGE": DEBIAN_IMAGE})  # fmt: skip
        shutil.rmtree(context, ignore_errors=True)

    def node(self) -> None:
        """The Node.js 20 base."""
        context = node_context(self.work / "node")
        self.build("node_base", IMAGES / "node.Dockerfile", context, NODE_IMAGE,
                   {"DEBIAN_IMAGE": DEBIAN_IMAGE})  # fmt: skip
        shutil.rmtree(context, ignore_errors=True)

    def services(self) -> None:
        """PostgreSQL, Redis and nginx stand-ins (one shared apt layer)."""
        started = time.monotonic()
        for service, tag in SERVICE_IMAGES.items():
            self.build(f"{service}_image", IMAGES / "services.Dockerfile", IMAGES, tag,
                       {"DEBIAN_IMAGE": DEBIAN_IMAGE}, target=service)  # fmt: skip
        self._timed("service_images", started)

    def assistant(self, tag: str = ASSISTANT_IMAGE) -> None:
        """The project's image, from deploy/Dockerfile as it is."""
        self.build("assistant_image", ROOT / "deploy" / "Dockerfile", ROOT, tag,
                   {"BASE_IMAGE": PYTHON_IMAGE, "NODE_IMAGE": NODE_IMAGE})  # fmt: skip

    def all(self) -> None:
        """Every image: the bases, then in parallel the project's image and the services."""
        started = time.monotonic()
        self.debian()
        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(self.python), pool.submit(self.node)]:
                future.result()
        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(self.assistant), pool.submit(self.services)]:
                future.result()
        self._timed("all_images", started)

    def compose_env(self) -> Dict[str, str]:
        """The compose file's image variables pointing at these images."""
        return {
            "ASSISTANT_IMAGE": ASSISTANT_IMAGE,
            "POSTGRES_IMAGE": SERVICE_IMAGES["postgres"],
            "REDIS_IMAGE": SERVICE_IMAGES["redis"],
            "NGINX_IMAGE": SERVICE_IMAGES["nginx"],
            "BASE_IMAGE": PYTHON_IMAGE,
            "NODE_IMAGE": NODE_IMAGE,
        }

    def sizes(self) -> Dict[str, int]:
        """Image sizes in bytes."""
        names = [DEBIAN_IMAGE, PYTHON_IMAGE, ASSISTANT_IMAGE, *SERVICE_IMAGES.values()]
        return {name: self.engine.image_size(name) for name in names}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    """Build everything on a fresh engine, print the figures, remove everything."""
    engine = Engine()
    try:
        engine.start()
        images = Images(engine)
        images.all()
        cold = images.seconds["assistant_image"]
        images.assistant()  # warm: every layer cached
        images.seconds["assistant_image_warm"] = images.seconds["assistant_image"]
        images.seconds["assistant_image"] = cold
        print(json.dumps({"seconds": images.seconds, "bytes": images.sizes()}, indent=2))
    finally:
        engine.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
