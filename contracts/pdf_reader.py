"""Read a PDF's text in a process of its own, under hard limits: run by contracts.extraction as

    python -I pdf_reader.py MAX_SECONDS MAX_PAGES MAX_MEMORY_BYTES  < file.pdf

It caps its own address space and CPU time (resource.setrlimit) before it reads a byte, so a
hostile PDF (a small file whose pages share one huge content stream, a decompression bomb)
ends in a MemoryError or SIGXCPU here, never in the worker; the worker also kills it after
MAX_SECONDS of wall time. It writes one JSON line per page as it goes, so what was read before
a kill is kept: {"pages": N} first, then {"page": n, "text": "..."} lines, then {"complete":
true|false} if it finished by itself. No Django here: it starts in a fraction of a second.
"""

import io
import json
import resource
import sys
import time


def limit(max_seconds, max_memory):
    cpu = max(1, int(max_seconds) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def emit(**line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def main(max_seconds, max_pages, max_memory):
    limit(max_seconds, max_memory)
    from pypdf import PdfReader

    data = sys.stdin.buffer.read()
    started = time.monotonic()
    reader = PdfReader(io.BytesIO(data))
    emit(pages=len(reader.pages))
    for number, pdf_page in enumerate(reader.pages, start=1):
        if number > max_pages or time.monotonic() - started > max_seconds:
            emit(complete=False)
            return
        emit(page=number, text=(pdf_page.extract_text() or "").replace("\x00", ""))
    emit(complete=True)


if __name__ == "__main__":
    main(float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
