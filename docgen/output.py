"""Stage 6: write a file atomically: a temporary file beside the destination, then a rename.

A build that fails or is interrupted leaves the previous file exactly as it was. Every output
goes to a folder below the output directory that `folder` checked: nothing lands outside it
(no `..`, no symbolic link leading elsewhere), and nothing replaces what is not a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path, PurePosixPath

from docgen.diagnostics import OutputError

STALE_AFTER = 3600  # seconds: a temporary file this old is a killed build's, whoever made it


def check_name(name: str) -> None:
    """A folder name below the output directory: plain names joined by '/', none '.' or '..',
    no backslash (a separator on Windows) and no NUL."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(p in (".", "..") for p in parts) or "\\" in name or "\0" in name:
        raise OutputError(f"{name!r} is not a folder name inside the output folder (rename the letter file)")


def folder(out: Path, name: str) -> Path:
    """out/NAME, after checking that it is inside out and no symbolic link leads it elsewhere
    (created by the first file written into it: a failed build leaves no empty folders)."""
    check_name(name)
    target = out.joinpath(*PurePosixPath(name).parts)
    if not target.resolve().is_relative_to(out.resolve()):
        raise OutputError(f"{target} leads outside {out} (a symbolic link? remove it)")
    return target


def write_atomic(path: Path, data: bytes) -> None:
    _mkdir(path.parent)
    _check_replaceable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _error(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _error(path, e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_stale(directory: Path) -> list[Path]:
    """Remove the temporary files that killed builds left in a folder: those of processes that
    no longer run, and any older than an hour (a process on another machine sharing the folder)."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for tmp in directory.glob(".*.tmp"):
        if _abandoned(tmp):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _abandoned(tmp: Path) -> bool:
    try:
        info = tmp.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if time.time() - info.st_mtime > STALE_AFTER:
        return True
    pid = tmp.name.rsplit(".", 3)[-3] if tmp.name.count(".") >= 3 else ""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it runs, as another user
        return False
    return False


def _mkdir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(p for p in (directory, *directory.parents) if p.exists() and not p.is_dir())
        message = f"cannot write into {blocker}: it is a file, not a folder (remove it or choose another)"
        raise OutputError(message) from None
    except OSError as e:
        raise _error(directory, e) from None


def check_folder(directory: Path) -> None:
    """An output directory that is a file (or a device) is refused before any letter is built."""
    if directory.exists() and not directory.is_dir():
        _mkdir(directory)


def _check_replaceable(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise _error(path, e) from None
    if not stat.S_ISREG(mode):
        kind = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise OutputError(f"{path} is {kind}: docgen replaces only regular files (remove it or choose another path)")


HINTS = {
    errno.ENOSPC: "the disk is full: free some space",
    errno.EDQUOT: "the disk quota is exceeded: free some space",
    errno.EROFS: "the file system is read-only: choose another --out",
    errno.EACCES: "permission denied: choose a folder you can write to",
    errno.EPERM: "permission denied: choose a folder you can write to",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
}


def _error(path: Path, e: OSError) -> OutputError:
    hint = HINTS.get(e.errno or 0, e.strerror or str(e))
    return OutputError(f"cannot write {path}: {hint}")
