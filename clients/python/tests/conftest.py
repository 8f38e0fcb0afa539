"""The real system for the tests: a local Kafka broker and the packaged services as processes, on free ports, with
their state in a directory of this run. Needs the jars that ``./mvnw verify`` (or ``package``) builds."""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]
BROKER_JAR = ROOT / "kafka-local/target/ticketflow-kafka-local.jar"
PRODUCER_JAR = ROOT / "producer-service/target/quarkus-app/quarkus-run.jar"
WORKER_JAR = ROOT / "worker-service/target/quarkus-app/quarkus-run.jar"
READY_WITHIN = 180.0


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Service:
    name: str
    process: subprocess.Popen[bytes]
    log: Path
    url: str

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log}")

    def await_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                if httpx.get(f"{self.url}/q/health/ready", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready within {READY_WITHIN} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class System:
    bootstrap: str
    producer: Service
    flaky_producer: Service
    """A second producer of the same system whose Kafka acks never come in time (ticketflow.submit.ack-timeout
    of 1 ms): every write it makes answers 503, though the record is still sent and decided."""

    @property
    def url(self) -> str:
        return self.producer.url


def _launch(name: str, command: list[str], logs: Path, url: str = "") -> Service:
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=logs)
    return Service(name, process, log, url)


def _service(name: str, jar: Path, bootstrap: str, logs: Path, **config: str) -> Service:
    port = _free_port()
    properties = {"quarkus.http.port": str(port), "kafka.bootstrap.servers": bootstrap, **config}
    command = [_java(), "-Xmx512m", *[f"-D{key}={value}" for key, value in properties.items()], "-jar", str(jar)]
    return _launch(name, command, logs, f"http://127.0.0.1:{port}")


# The key the tests send (as $TICKETFLOW_API_KEY): an owner of its own, not an admin, without submission limits.
# The producers are given its SHA-256 only.
API_KEY = "tf_" + secrets.token_urlsafe(32)
_KEY_CONFIG = {
    "ticketflow.auth.api-keys.python-tests.sha256": hashlib.sha256(API_KEY.encode()).hexdigest(),
    "ticketflow.auth.api-keys.python-tests.owner": "python-tests",
    "ticketflow.limits.owners.python-tests.submits": "1000000000",
    "ticketflow.limits.owners.python-tests.max-unfinished": "1000000000",
}


@pytest.fixture(scope="session")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    for jar in (BROKER_JAR, PRODUCER_JAR, WORKER_JAR):
        if not jar.is_file():
            pytest.fail(f"{jar} is missing: build first (./mvnw verify, or ./mvnw package -DskipTests)")
    run = tmp_path_factory.mktemp("ticketflow")
    started: list[Service] = []
    try:
        kafka_port = _free_port()
        broker = _launch("kafka", [_java(), "-jar", str(BROKER_JAR), "broker", "--port", str(kafka_port),
                                   "--data-dir", str(run / "kafka")], run)
        started.append(broker)
        deadline = time.monotonic() + READY_WITHIN
        while "listening" not in broker.log.read_text(errors="replace"):
            broker.check_alive()
            if time.monotonic() > deadline:
                raise RuntimeError(f"broker not listening; see {broker.log}")
            time.sleep(0.2)
        bootstrap = f"127.0.0.1:{kafka_port}"
        worker = _service("worker", WORKER_JAR, bootstrap, run,
                          **{"ticketflow.handlers.http.allowed-hosts": "127.0.0.1,localhost"})
        started.append(worker)
        producer = _service("producer", PRODUCER_JAR, bootstrap, run,
                            **{**_KEY_CONFIG, "ticketflow.state.dir": str(run / "producer-state"),
                               # A long-poll capped at 2 s rather than 60: results awaited longer resume across it.
                               "ticketflow.status.max-wait": "2S"})
        started.append(producer)
        flaky = _service("flaky-producer", PRODUCER_JAR, bootstrap, run,
                         **{**_KEY_CONFIG, "ticketflow.state.dir": str(run / "flaky-producer-state"),
                            "ticketflow.submit.ack-timeout": "1ms", "ticketflow.submit.retry-after": "1S"})
        started.append(flaky)
        deadline = time.monotonic() + READY_WITHIN
        for service in (worker, producer, flaky):
            service.await_ready(deadline)
        yield System(bootstrap, producer, flaky)
    finally:
        # Producers and worker first (they leave their groups cleanly while the broker is still there).
        for service in reversed(started):
            service.stop()


@pytest.fixture
def url(system: System, monkeypatch: pytest.MonkeyPatch) -> str:
    """The producer's URL, also as $TICKETFLOW_URL, which the client reads by default, as it does the key."""
    monkeypatch.setenv("TICKETFLOW_URL", system.url)
    monkeypatch.setenv("TICKETFLOW_API_KEY", API_KEY)
    return system.url
