"""The one wrapper around ``ssh-keygen -Y``: a signature record signed with an SSH key, and checked
against the partnership's ``allowed_signers``. List arguments, a timeout, our own exception.

A seal shows that a record is as the tool wrote it; a key signature shows who wrote it, because
only the holder of the private key can make one, and ``allowed_signers`` says whose key it is.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: What a key signature is for, signed with it (ssh-keygen's ``-n``): a signature made for
#: anything else (a git commit, a file) is not accepted as a signature record.
NAMESPACE = "sphinx-protocols"
#: The partnership's list of keys, beside conf.py.
ALLOWED_SIGNERS = "allowed_signers"
INSTALL_HINT = ("Install OpenSSH's client programs: on Debian or Ubuntu 'sudo apt-get install "
                "openssh-client' (or run scripts/system-packages.sh as root); Windows 10 and "
                "macOS have them already.")


class KeySignatureError(RuntimeError):
    """ssh-keygen is missing or refused; the message says which, in plain English, as a
    sentence that starts in lower case (it follows whose signature it is)."""


class NoSshKeygenError(KeySignatureError):
    """ssh-keygen is not installed, so no key signature can be made or checked here."""


def _run(args: list[str], data: bytes, timeout: float) -> subprocess.CompletedProcess[bytes]:
    program = shutil.which("ssh-keygen")
    if program is None:
        raise NoSshKeygenError(f"the program 'ssh-keygen' is not installed. {INSTALL_HINT}")
    try:
        return subprocess.run([program, *args], input=data, capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        raise KeySignatureError(f"ssh-keygen took longer than {timeout:g} seconds.") from None


def sign(key: Path, data: bytes, timeout: float = 120) -> str:
    """An armored SSH signature of ``data`` made with the private key ``key`` (a passphrase is
    asked for on the terminal, as ssh-keygen always does)."""
    done = _run(["-Y", "sign", "-f", str(key), "-n", NAMESPACE], data, timeout)
    text = done.stdout.decode("ascii", "replace")
    if done.returncode or "BEGIN SSH SIGNATURE" not in text:
        why = done.stderr.decode("utf-8", "replace").replace("Signing data on standard input", "")
        raise KeySignatureError(f"ssh-keygen could not sign with the key {key} "
                                f"({' '.join(why.split()) or 'no reason given'}). Check that it "
                                "is a private key (the file without .pub) and its passphrase.")
    return text


def check(allowed: Path, signature: str, data: bytes, timeout: float = 10) -> str:
    """The principal in ``allowed`` whose key made ``signature`` of ``data``; raises with what is
    wrong when there is none."""
    with tempfile.TemporaryDirectory() as folder:
        sig = Path(folder, "record.sig")
        sig.write_text(signature.strip() + "\n", encoding="ascii", errors="replace")
        base = ["-n", NAMESPACE, "-s", str(sig)]
        if _run(["-Y", "check-novalidate", *base], data, timeout).returncode:
            raise KeySignatureError("its key signature does not match the record: the record or "
                                    "its signature was changed after it was signed.")
        found = _run(["-Y", "find-principals", "-f", str(allowed), "-s", str(sig)], data,
                     timeout)
        principals = [p for line in found.stdout.decode("utf-8", "replace").splitlines()
                      for p in line.split(",") if p.strip()]
        if found.returncode or not principals:
            raise KeySignatureError(f"the key it was signed with is not in {allowed}.")
        for principal in principals:
            args = ["-Y", "verify", "-f", str(allowed), "-I", principal.strip(), *base]
            if _run(args, data, timeout).returncode == 0:
                return principal.strip()
    raise KeySignatureError(f"the key it was signed with is in {allowed} for "
                            f"{', '.join(principals)}, but not allowed to sign records (check "
                            f"its namespaces=\"{NAMESPACE}\" and valid-before options).")
